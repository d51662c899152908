using System.Diagnostics;
using System.Threading.Channels;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Storage.Internal;

/// <summary>
/// Streamed ingest in two stages that overlap: one thread reads, validates and prepares objects into batches; the
/// caller's flow commits them one transaction each and hands each committed batch to the <see cref="IndexFollower"/>,
/// which fills the search and correlation indexes on a third flow. At most two batches wait between reader and writer
/// and <see cref="IndexFollower.QueuedBatches"/> between writer and follower, so memory stays bounded whatever the
/// input's size; the ingest returns once the follower has indexed its last version.
/// </summary>
internal static class IngestPipeline
{
    private const int QueuedBatches = 2;

    public static async Task<IngestReport> RunAsync(IEnumerable<StixReadItem> items, Func<long> bytesRead, IngestOptions options, IBatchWriter writer, SemaphoreSlim writeLock, IndexFollower follower, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var channel = Channel.CreateBounded<IngestBatch>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(items, bytesRead, options, channel.Writer, stop.Token), stop.Token);
        var tally = new IngestTally(options.MaxReportedRejections);
        try
        {
            var waiting = Stopwatch.GetTimestamp();
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                StageClock.AddReaderWait(waiting);
                await CommitAsync(batch, writer, writeLock, follower, tally, stop.Token).ConfigureAwait(false);
                progress?.Report(tally.Progress(batch.BytesRead));
                waiting = Stopwatch.GetTimestamp();
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        await reading.ConfigureAwait(false);
        var report = tally.Report(stopwatch.Elapsed);
        if (report.LastSequence is { } last && follower.Running)
        {
            // End to end: the ingest returns once search and correlation reflect its versions too.
            var waiting = Stopwatch.GetTimestamp();
            await follower.WaitAsync(last, cancellationToken).ConfigureAwait(false);
            StageClock.AddFinalWait(waiting);
            report = report with { Elapsed = stopwatch.Elapsed };
        }

        return report;
    }

    private static async Task CommitAsync(IngestBatch batch, IBatchWriter writer, SemaphoreSlim writeLock, IndexFollower follower, IngestTally tally, CancellationToken cancellationToken)
    {
        tally.Reject(batch.Rejected);
        if (batch.Objects.Count == 0)
        {
            return;
        }

        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var plan = await writer.CommitAsync(batch.Objects, cancellationToken).ConfigureAwait(false);
            StageClock.AddCommit(started);
            tally.Add(plan);
            if (plan.Accepted.Count > 0)
            {
                writer.Appended(plan);
            }

            // Under the write lock, so that batches reach the follower in sequence order.
            started = Stopwatch.GetTimestamp();
            await follower.PostAsync(plan.Accepted, cancellationToken).ConfigureAwait(false);
            StageClock.AddHandOver(started);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private static async Task ReadAsync(IEnumerable<StixReadItem> items, Func<long> bytesRead, IngestOptions options, ChannelWriter<IngestBatch> output, CancellationToken cancellationToken)
    {
        var preparer = new ObjectPreparer();
        var batch = new IngestBatch(options.BatchSize);
        var admitting = new List<Admitting>();
        try
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Take(item, options, preparer, batch, admitting);
                if (batch.Objects.Count + batch.Rejected.Count + admitting.Count >= options.BatchSize)
                {
                    Admit(admitting, options, batch);
                    batch.BytesRead = bytesRead();
                    await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new IngestBatch(options.BatchSize);
                }
            }

            Admit(admitting, options, batch);
            batch.BytesRead = bytesRead();
            await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            output.Complete();
        }
        catch (Exception exception)
        {
            output.Complete(exception);
            throw;
        }
    }

    private static void Take(StixReadItem item, IngestOptions options, ObjectPreparer preparer, IngestBatch batch, List<Admitting> admitting)
    {
        if (item.Value is not { } value)
        {
            var error = item.Error!;
            batch.Rejected.Add(new IngestRejection(item.Path, null, [new IngestProblem(error.Path, $"{error.Message} (line {error.Line}, column {error.Column})")]));
            return;
        }

        var report = StixValidator.ValidateObject(value, options.Validation, item.Path);
        var id = value["id"]?.AsString();
        if (!report.IsValid || id is null || value["type"]?.AsString() is null)
        {
            batch.Rejected.Add(new IngestRejection(item.Path, id, Problems(report, item.Path)));
            return;
        }

        if (options.Admit is not null || options.AdmitBatch is not null)
        {
            admitting.Add(new Admitting(value, item.Path, id));
            return;
        }

        batch.Objects.Add(preparer.Prepare(value, item.Path));
    }

    // The valid objects of a batch through IngestOptions.Admit (checking a signature, say: about a millisecond each) on
    // every core, then the admitted ones through IngestOptions.AdmitBatch together (signing), then prepared, in their order.
    private static void Admit(List<Admitting> admitting, IngestOptions options, IngestBatch batch)
    {
        if (admitting.Count == 0)
        {
            return;
        }

        var admissions = new IngestAdmission[admitting.Count];
        if (options.Admit is { } admit)
        {
            Parallel.For(0, admitting.Count, i => admissions[i] = admit(admitting[i].Value));
        }
        else
        {
            for (var i = 0; i < admitting.Count; i++)
            {
                admissions[i] = IngestAdmission.Store(admitting[i].Value);
            }
        }

        if (options.AdmitBatch is { } admitBatch)
        {
            AdmitTogether(admissions, admitBatch);
        }

        var results = new (PreparedObject? Prepared, IngestRejection? Rejection)[admitting.Count];
        Parallel.For(0, admitting.Count, static () => new ObjectPreparer(), (i, _, preparer) =>
        {
            var (_, path, id) = admitting[i];
            results[i] = admissions[i].Value is { } admitted
                ? (preparer.Prepare(admitted, path), null)
                : (null, new IngestRejection(path, id, [new IngestProblem(path, admissions[i].Refusal ?? "refused")]));
            return preparer;
        }, static _ => { });
        foreach (var (prepared, rejection) in results)
        {
            if (prepared is not null)
            {
                batch.Objects.Add(prepared);
            }
            else
            {
                batch.Rejected.Add(rejection!);
            }
        }

        admitting.Clear();
    }

    private static void AdmitTogether(IngestAdmission[] admissions, Func<IReadOnlyList<StixValue>, IReadOnlyList<IngestAdmission>> admitBatch)
    {
        var admitted = new List<int>(admissions.Length);
        for (var i = 0; i < admissions.Length; i++)
        {
            if (admissions[i].Value is not null)
            {
                admitted.Add(i);
            }
        }

        if (admitted.Count == 0)
        {
            return;
        }

        var together = admitBatch(admitted.ConvertAll(i => admissions[i].Value!));
        if (together.Count != admitted.Count)
        {
            throw new InvalidOperationException($"IngestOptions.AdmitBatch gave {together.Count} admissions for {admitted.Count} objects");
        }

        for (var j = 0; j < admitted.Count; j++)
        {
            admissions[admitted[j]] = together[j];
        }
    }

    private readonly record struct Admitting(StixValue Value, string Path, string Id);

    private static List<IngestProblem> Problems(ValidationReport report, string path)
    {
        var problems = new List<IngestProblem>();
        foreach (var issue in report.Issues)
        {
            if (report.Strict || issue.Severity == ValidationSeverity.Error)
            {
                problems.Add(new IngestProblem(issue.Path, issue.Message));
            }
        }

        if (problems.Count == 0)
        {
            problems.Add(new IngestProblem(path, "a STIX object has string 'type' and 'id' properties"));
        }

        return problems;
    }
}
