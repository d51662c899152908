using System.Diagnostics;
using CyDef.Benchmarks.Generation;

namespace CyDef.Benchmarks.Load;

/// <summary>
/// The <c>ndjson</c> load tool: generates an NDJSON feed of STIX 2.1 indicators and observables to a file (not
/// timed), then times, single-threaded and one after the other, a plain read of the file, a bare
/// <see cref="System.Text.Json.Utf8JsonReader"/> pass, StixStreamReader alone, and StixStreamReader with
/// validation. Prints one JSON object on stdout and a one-line summary on stderr.
/// </summary>
internal static class NdjsonLoadTool
{
    private const int GeneratorVersion = 2;
    private const int WarmUpBytes = 4 << 20;

    public static int Run(ReadOnlySpan<string> args)
    {
        if (LoadOptions.Parse(args) is not { } options)
        {
            return 2;
        }

        var path = options.File ?? Path.Combine(Path.GetTempPath(), "cydef-bench", $"stix-feed-v{GeneratorVersion}-{options.SizeMegabytes}mb-seed{options.Seed}.ndjson");
        var generation = File.Exists(path) ? null : Generate(path, (long)options.SizeMegabytes << 20, options.Seed);
        try
        {
            WarmUp();
            var bytes = new FileInfo(path).Length;
            var passes = MeasurePasses(path, bytes);
            var breakdown = options.Breakdown ? StageBreakdown.Measure(path) : null;
            var report = new LoadReport(path, bytes, options.Seed, generation, passes, breakdown);
            Console.Out.WriteLine(report.ToJson());
            Console.Error.WriteLine(report.Summary());
            return report.AllValid ? 0 : 1;
        }
        finally
        {
            if (generation is not null && !options.Keep)
            {
                File.Delete(path);
            }
        }
    }

    private static PassResult[] MeasurePasses(string path, long bytes)
    {
        Console.Error.WriteLine($"measuring {bytes >> 20:N0} MB: read-file, bare, read, read+validate (single thread)");
        return
        [
            PassMeasurement.Measure("read_file", bytes, () => Passes.ReadFile(path)),
            PassMeasurement.Measure("bare_utf8jsonreader", bytes, () => Passes.Bare(path)),
            PassMeasurement.Measure("read", bytes, () => Passes.Read(path, new ProgressReporter("read", bytes))),
            PassMeasurement.Measure("read_validate", bytes, () => Passes.ReadAndValidate(path, new ProgressReporter("read+validate", bytes))),
        ];
    }

    private static GeneratedFeed Generate(string path, long targetBytes, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Console.Error.WriteLine($"generating {targetBytes >> 20:N0} MB of NDJSON to {path} (not timed)");
        var stopwatch = Stopwatch.StartNew();
        var partial = path + ".partial";
        StixFeedGenerator generator;
        using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            generator = NdjsonFeed.Write(output, targetBytes, seed, written => Console.Error.WriteLine($"  generated {written >> 20:N0} MB"));
        }

        File.Move(partial, path, overwrite: true);
        return new GeneratedFeed(generator.Counts, stopwatch.Elapsed);
    }

    /// <summary>Every pass once over a small file first, so that the timed passes run jitted code.</summary>
    private static void WarmUp()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cydef-bench-warmup-{Environment.ProcessId}.ndjson");
        try
        {
            using (var output = File.Create(path))
            {
                NdjsonFeed.Write(output, WarmUpBytes, seed: 7);
            }

            Passes.Bare(path);
            Passes.Read(path, new ProgressReporter("warm-up", WarmUpBytes));
            Passes.ReadAndValidate(path, new ProgressReporter("warm-up", WarmUpBytes));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
