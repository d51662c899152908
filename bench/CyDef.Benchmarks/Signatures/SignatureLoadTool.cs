using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CyDef.Benchmarks.Signatures;

/// <summary>
/// <c>signatures [--seconds N] [--threads N]</c>: signs and verifies the benchmark's indicator (plain, granular,
/// redacted) in a loop on N threads for N seconds each, and prints objects per second as one JSON object.
/// </summary>
internal static class SignatureLoadTool
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var seconds = 5.0;
        var threads = 1;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var results = new Dictionary<string, double>();
        foreach (var content in new[] { "plain", "granular", "redacted" })
        {
            var bench = new SignatureBenchmarks { Content = content };
            bench.Setup();
            results[$"{content}_sign_per_second"] = Measure(() => bench.Sign(), seconds, threads);
            results[$"{content}_verify_per_second"] = Measure(() => bench.Verify(), seconds, threads);
            Console.Error.WriteLine($"{content}: sign {results[$"{content}_sign_per_second"]:N0}/s, verify {results[$"{content}_verify_per_second"]:N0}/s");
        }

        Console.WriteLine(JsonSerializer.Serialize(new { threads, seconds, results }));
        return 0;
    }

    private static double Measure(Action operation, double seconds, int threads)
    {
        // A second of warm-up: BouncyCastle's ML-DSA code is large, and tiered JIT compiles it fully only after a while.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 1)
        {
            operation();
        }

        long count = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            long mine = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                operation();
                mine++;
            }

            Interlocked.Add(ref count, mine);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return count / clock.Elapsed.TotalSeconds;
    }
}
