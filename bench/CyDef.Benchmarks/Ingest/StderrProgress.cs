using CyDef.Storage;

namespace CyDef.Benchmarks.Ingest;

/// <summary>Ingest progress on stderr, at most every two seconds; silent without a label.</summary>
internal sealed class StderrProgress(string? label) : IProgress<IngestProgress>
{
    private readonly DateTime _started = DateTime.UtcNow;
    private DateTime _last = DateTime.UtcNow;

    public void Report(IngestProgress value)
    {
        var now = DateTime.UtcNow;
        if (label is null || now - _last < TimeSpan.FromSeconds(2))
        {
            return;
        }

        _last = now;
        Console.Error.WriteLine($"  {label}: {value.Accepted:N0} stored, {value.Accepted / (now - _started).TotalSeconds:N0} objects/s");
    }
}
