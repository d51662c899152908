namespace CyDef.Storage.Internal;

/// <summary>The running counts of an ingest, kept by the writing side alone.</summary>
internal sealed class IngestTally(int maxReportedRejections)
{
    private readonly List<IngestRejection> _rejections = [];
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    private long? _firstSequence;
    private long? _lastSequence;
    private long _storeSequence;

    public void Reject(List<IngestRejection> rejections)
    {
        _rejected += rejections.Count;
        foreach (var rejection in rejections)
        {
            if (_rejections.Count < maxReportedRejections)
            {
                _rejections.Add(rejection);
            }
        }
    }

    public void Add(BatchPlan plan)
    {
        _accepted += plan.Accepted.Count;
        _duplicates += plan.Duplicates;
        _storeSequence = plan.LastSequence;
        if (plan.Accepted.Count > 0)
        {
            _firstSequence ??= plan.Accepted[0].Sequence;
            _lastSequence = plan.Accepted[^1].Sequence;
        }

        Reject(plan.Rejections);
    }

    public IngestProgress Progress(long bytesRead) => new(bytesRead, _accepted, _duplicates, _rejected, _storeSequence);

    public IngestReport Report(TimeSpan elapsed) => new(_accepted, _duplicates, _rejected, _rejections, _firstSequence, _lastSequence, elapsed);
}
