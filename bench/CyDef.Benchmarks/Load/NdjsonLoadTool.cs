using System.Diagnostics;
using CyDef.Benchmarks.Generation;
using CyDef.Patterns;
using CyDef.Stix.Validation;

namespace CyDef.Benchmarks.Load;

/// <summary>
/// The <c>ndjson</c> load tool: generates an NDJSON feed of STIX 2.1 indicators and observables to a file (not
/// timed), then times, single-threaded and one after the other, a plain read of the file, a bare
/// <see cref="System.Text.Json.Utf8JsonReader"/> pass, StixStreamReader alone, StixStreamReader with validation
/// (default options), and with validation and the patterning checks too. Prints one JSON object on stdout and a
/// one-line summary on stderr.
/// </summary>
internal static class NdjsonLoadTool
{
    private const int GeneratorVersion = 2;
    private const int WarmUpBytes = 1 << 20;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1.5);

    /// <summary>The default options plus the STIX patterning checks of CyDef.Patterns, as <c>cydef validate</c> runs.</summary>
    private static readonly ValidationOptions WithPatterns = new() { PatternValidator = PatternValidation.Validator };

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
            var bytes = new FileInfo(path).Length;
            var passes = MeasurePasses(path, bytes, options.Rounds);
            var breakdown = options.Breakdown ? StageBreakdown.Measure(path) : null;
            var report = new LoadReport(path, bytes, options.Seed, generation, passes, breakdown, options.Rounds);
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

    /// <summary>
    /// Times the passes after warming up on a small file (the bare pass, then read+validate, which also covers
    /// read): after a single warm-up call the bare pass ran at a third of its later speed, Utf8JsonReader.Read not
    /// yet at tier 1.
    /// </summary>
    private static PassResult[] MeasurePasses(string path, long bytes, int rounds)
    {
        Console.Error.WriteLine($"measuring {bytes >> 20:N0} MB: read-file, then {rounds} round(s) of bare, read, read+validate, read+validate+patterns (single thread)");
        var warmUp = WriteWarmUpFile();
        try
        {
            var readFile = PassMeasurement.Measure("read_file", bytes, () => Passes.ReadFile(path));
            WarmUp(() => Passes.Bare(warmUp));
            WarmUp(() => Passes.ReadAndValidate(warmUp, WithPatterns, new ProgressReporter("warm-up", WarmUpBytes)));

            // The passes take turns, and each keeps its fastest round: on a shared machine, other work slows a
            // round down but never speeds one up, and taking turns exposes every pass to the same disturbances.
            var best = new Dictionary<string, PassResult>();
            for (var round = 1; round <= rounds; round++)
            {
                Keep(best, PassMeasurement.Measure("bare_utf8jsonreader", bytes, () => Passes.Bare(path)));
                Keep(best, PassMeasurement.Measure("read", bytes, () => Passes.Read(path, new ProgressReporter($"read (round {round})", bytes))));
                Keep(best, PassMeasurement.Measure("read_validate", bytes, () => Passes.ReadAndValidate(path, ValidationOptions.Default, new ProgressReporter($"read+validate (round {round})", bytes))));
                Keep(best, PassMeasurement.Measure("read_validate_patterns", bytes, () => Passes.ReadAndValidate(path, WithPatterns, new ProgressReporter($"read+validate+patterns (round {round})", bytes))));
            }

            return [readFile, best["bare_utf8jsonreader"], best["read"], best["read_validate"], best["read_validate_patterns"]];
        }
        finally
        {
            File.Delete(warmUp);
        }
    }

    private static void Keep(Dictionary<string, PassResult> best, PassResult result)
    {
        if (!best.TryGetValue(result.Name, out var kept) || result.Wall < kept.Wall)
        {
            best[result.Name] = result;
        }
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

    /// <summary>A small feed (another seed) to run the code on before it is timed.</summary>
    private static string WriteWarmUpFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cydef-bench-warmup-{Environment.ProcessId}.ndjson");
        using var output = File.Create(path);
        NdjsonFeed.Write(output, WarmUpBytes, seed: 7);
        return path;
    }

    /// <summary>
    /// Runs <paramref name="pass"/> for a while, so that the methods involved reach tier 1 (30 calls, then a
    /// compile in the background that waits until no new method has been jitted for 100 ms).
    /// </summary>
    private static void WarmUp(Func<PassCounts> pass)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < WarmUpTime)
        {
            pass();
        }

        Thread.Sleep(250);
    }
}
