using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Signatures;

/// <summary>
/// <c>signatures [--seconds N] [--batches 1,100,1000,10000] [--contents plain,granular,redacted]</c>: for each content
/// and batch size, signs batches (<c>ObjectSigner.SignBatch</c>, on every core) and verifies them (a new verifier per
/// batch, one thread: one root verification per batch) in a loop for N seconds each, rewrites the signatures of
/// redacted copies as the sharing view does, and prints objects per second (of wall-clock time and of the process's
/// CPU time) and the bytes the signature adds to an object as one JSON object.
/// </summary>
internal static class SignatureLoadTool
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var seconds = 3.0;
        int[] batches = [1, 100, 1000, 10000];
        string[] contents = ["plain", "granular", "redacted"];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--batches": batches = args[i + 1].Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--contents": contents = args[i + 1].Split(','); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var results = new Dictionary<string, double>();
        foreach (var content in contents)
        {
            foreach (var batch in batches)
            {
                Measure(new SignatureBenchmarks { Content = content, Batch = batch }, $"{content}_batch{batch}", seconds, results);
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new { seconds, cores = Environment.ProcessorCount, results }));
        return 0;
    }

    private static void Measure(SignatureBenchmarks bench, string name, double seconds, Dictionary<string, double> results)
    {
        bench.Setup();
        var batch = bench.Batch;
        Record(results, $"{name}_sign", batch, PerSecond(() => bench.Sign(), seconds));
        Record(results, $"{name}_verify", batch, PerSecond(() => bench.Verify(), seconds));
        if (bench.Content == "redacted")
        {
            Record(results, $"{name}_redact", batch, PerSecond(() => bench.Redact(), seconds));
        }

        results[$"{name}_bytes_added_per_object"] = BytesAdded(bench);
        Console.Error.WriteLine($"{name}: sign {results[$"{name}_sign_per_second"]:N0}/s, verify {results[$"{name}_verify_per_second"]:N0}/s, {results[$"{name}_bytes_added_per_object"]:N0} bytes added per object");
    }

    // The signature extension's share of each signed object's compact JSON, on average (before redaction).
    private static double BytesAdded(SignatureBenchmarks bench)
    {
        var signed = bench.Sign();
        long added = 0;
        for (var i = 0; i < signed.Count; i++)
        {
            added += StixJsonWriter.ToJsonString(signed[i].Value!).Length - StixJsonWriter.ToJsonString(bench.Objects[i]).Length;
        }

        return (double)added / signed.Count;
    }

    // Per wall-clock second, and per second of this process's CPU time: on a shared machine, the second tells what
    // the work costs when the first only tells what the other processes left.
    private static void Record(Dictionary<string, double> results, string name, int batch, (double Wall, double Cpu) perSecond)
    {
        results[$"{name}_per_second"] = batch * perSecond.Wall;
        results[$"{name}_per_cpu_second"] = batch * perSecond.Cpu;
    }

    private static (double Wall, double Cpu) PerSecond(Action operation, double seconds)
    {
        // Warm-up (at least one operation, up to half a second): BouncyCastle's ML-DSA code is large, and tiered JIT
        // compiles it fully only after a while.
        var warmUp = Stopwatch.StartNew();
        do
        {
            operation();
        }
        while (warmUp.Elapsed.TotalSeconds < 0.5);

        long count = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        do
        {
            operation();
            count++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        var wall = clock.Elapsed.TotalSeconds;
        return (count / wall, count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
