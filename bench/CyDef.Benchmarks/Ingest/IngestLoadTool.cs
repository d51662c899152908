using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using CyDef.Benchmarks.Generation;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Internal;

namespace CyDef.Benchmarks.Ingest;

/// <summary>
/// The <c>ingest</c> load tool: generates an NDJSON feed of N objects (not timed), then for each engine ingests it end
/// to end into an empty store (read, validate, prepare, store, index, feed: <see cref="IObjectStore.IngestAsync"/>),
/// and measures the raw insert rate of the same rows, prepared beforehand, in one transaction with no look-up.
/// Prints one JSON object on stdout; progress on stderr.
/// </summary>
internal static class IngestLoadTool
{
    private const int WarmUpObjects = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (IngestLoadOptions.Parse(args) is not { } options)
        {
            return 2;
        }

        var feed = Generate(options.Count, options.Seed);
        var warmUp = Generate(WarmUpObjects, seed: 7);
        var results = new List<EngineResult>();
        StageTimes.Measure(warmUp);
        var stages = StageTimes.Measure(feed);
        Console.Error.WriteLine($"reading side alone, 1 thread: read {stages.Read:N1} s, +validate {stages.Validate:N1} s, +prepare {stages.Prepare:N1} s");
        foreach (var engine in options.Engines)
        {
            if (Target(engine, options) is not { } target)
            {
                Console.Error.WriteLine($"{engine}: skipped (unknown engine, or no PostgreSQL: set CYDEF_TEST_POSTGRES or --postgres)");
                continue;
            }

            await MeasureIngestAsync(target, warmUp, options.BatchSize, quiet: true);
            var ingest = await MeasureIngestAsync(target, feed, options.BatchSize, quiet: false);
            var raw = options.Raw ? await MeasureRawAsync(target, feed) : null;
            results.Add(new EngineResult(engine, ingest, raw));
        }

        Console.Out.WriteLine(ToJson(options, new FileInfo(feed).Length, stages, results));
        return results.All(r => r.Ingest.Rejected == 0 && r.Ingest.Accepted + r.Ingest.Duplicates == options.Count) ? 0 : 1;
    }

    private static StoreTarget? Target(string engine, IngestLoadOptions options) => engine switch
    {
        "sqlite" => new StoreTarget.Sqlite(),
        "postgres" when options.Postgres is { } connection => new StoreTarget.Postgres(connection),
        _ => null,
    };

    private static async Task<IngestResult> MeasureIngestAsync(StoreTarget target, string feed, int batchSize, bool quiet)
    {
        const string Name = "bench_ingest";
        var store = await target.CreateAsync(Name);
        var progress = new StderrProgress(quiet ? null : $"{target.Engine} ingest");
        StageClock.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        IngestReport report;
        await using (var input = new FileStream(feed, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            report = await store.IngestAsync(input, new IngestOptions { BatchSize = batchSize }, progress);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await store.DisposeAsync();
        var size = await target.SizeAsync(Name);
        await target.DropAsync(Name);
        if (!quiet)
        {
            Console.Error.WriteLine($"{target.Engine} ingest: {report.Accepted:N0} accepted, {report.Duplicates:N0} duplicates, {report.Rejected:N0} rejected in {seconds:N1} s: {report.Accepted / seconds:N0} objects/s, {report.Accepted / cpuSeconds:N0} per CPU second of this process");
            Console.Error.WriteLine($"{target.Engine} ingest stages: {StageClock.Describe()}");
        }

        return new IngestResult(report.Accepted, report.Duplicates, report.Rejected, seconds, cpuSeconds, size);
    }

    private static async Task<RawResult> MeasureRawAsync(StoreTarget target, string feed)
    {
        const string Name = "bench_raw";
        var rows = PrepareRows(feed);
        var store = await target.CreateAsync(Name);
        GC.Collect();
        var stopwatch = Stopwatch.StartNew();
        await target.InsertRawAsync(store, rows);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        await store.DisposeAsync();
        await target.DropAsync(Name);
        Console.Error.WriteLine($"{target.Engine} raw insert: {rows.Count:N0} rows in one transaction in {seconds:N1} s: {rows.Count / seconds:N0} rows/s");
        return new RawResult(rows.Count, seconds);
    }

    /// <summary>
    /// The rows the ingest writes, prepared in memory (not timed): the generator repeats some SCOs (same deterministic
    /// id), which the ingest counts as duplicates, so they are left out here too; sequence numbers and dates added set.
    /// </summary>
    private static List<PreparedObject> PrepareRows(string feed)
    {
        Console.Error.WriteLine("preparing the rows for the raw insert (not timed)");
        var rows = new List<PreparedObject>();
        var seen = new HashSet<(string, string)>();
        var preparer = new ObjectPreparer();
        var added = Rows.ToMicros(DateTimeOffset.UtcNow);
        using var input = File.OpenRead(feed);
        using var reader = new StixStreamReader(input);
        foreach (var item in reader.ReadObjects())
        {
            var row = preparer.Prepare(item.Value!, item.Path);
            if (!seen.Add((row.Id, row.ModifiedKey)))
            {
                continue;
            }

            row.Sequence = rows.Count + 1;
            row.DateAdded = added + rows.Count;
            row.Latest = true;
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Writes <paramref name="count"/> generated objects as NDJSON to a cached file (not timed).</summary>
    private static string Generate(int count, int seed)
    {
        var path = Path.Combine(Path.GetTempPath(), "cydef-bench", $"ingest-feed-{count}-seed{seed}.ndjson");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Console.Error.WriteLine($"generating {count:N0} objects to {path} (not timed)");
        var generator = new StixFeedGenerator(seed);
        var partial = path + ".partial";
        using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            for (var i = 0; i < count; i++)
            {
                StixJsonWriter.WriteTo(writer, generator.Next());
                writer.Flush();
                writer.Reset();
                output.WriteByte((byte)'\n');
            }
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static string ToJson(IngestLoadOptions options, long fileBytes, (double Read, double Validate, double Prepare) stages, List<EngineResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tool", "CyDef.Benchmarks ingest");
            json.WriteString("date", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("objects", options.Count);
            json.WriteNumber("file_bytes", fileBytes);
            json.WriteNumber("batch_size", options.BatchSize);
            json.WriteNumber("processor_count", Environment.ProcessorCount);
            json.WriteStartObject("reading_side_seconds_one_thread");
            json.WriteNumber("read", Math.Round(stages.Read, 2));
            json.WriteNumber("read_validate", Math.Round(stages.Validate, 2));
            json.WriteNumber("read_validate_prepare", Math.Round(stages.Prepare, 2));
            json.WriteEndObject();
            json.WriteStartObject("engines");
            foreach (var result in results)
            {
                result.Write(json);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
