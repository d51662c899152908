using System.Diagnostics;
using System.Globalization;
using CyDef.Patterns;

namespace CyDef.Benchmarks.Patterns;

/// <summary>
/// <c>patterns</c>: measures pattern parsing (patterns/s) and the compiled matcher (observations/s on one core)
/// over generated pattern sets and an observation stream with a given share of hits. Prints one JSON object.
/// </summary>
internal static class PatternLoadTool
{
    private const string Usage = "usage: CyDef.Benchmarks patterns [--patterns N (100000)] [--compound N (10000)] [--observations N (200000)] [--seconds S (3)] [--rounds N (3)] [--seed N (1)]";

    public static int Run(ReadOnlySpan<string> args)
    {
        int patterns = 100_000, compound = 10_000, observations = 200_000, seed = 1, rounds = 3;
        double seconds = 3;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--patterns": patterns = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--compound": compound = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--observations": observations = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)); break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }

        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var workload = new PatternWorkload(seed);
        var mixed = Enumerable.Range(0, patterns).Select(n => workload.Pattern(n, 0.2)).ToList();
        var compoundSet = Enumerable.Range(0, compound).Select(n => workload.Pattern(n, 1.0)).ToList();
        var parse = MeasureParse(mixed, seconds);
        var (mixedMatcher, mixedCompile) = Compile(mixed, out var mixedHeap);
        var (compoundMatcher, compoundCompile) = Compile(compoundSet, out var compoundHeap);
        var mixedStream = workload.Stream(observations, patterns, 0.01);
        var compoundStream = workload.Stream(observations, compound, 0.01);
        // The passes take turns, each round, and each keeps its fastest round (the machine is shared).
        MatchFigures mixedRate = default, compoundRate = default, mixedSession = default, compoundSession = default;
        for (var round = 0; round < rounds; round++)
        {
            mixedRate = MatchFigures.Best(mixedRate, MeasureMatch(mixedMatcher, mixedStream, seconds, session: false));
            compoundRate = MatchFigures.Best(compoundRate, MeasureMatch(compoundMatcher, compoundStream, seconds, session: false));
            mixedSession = MatchFigures.Best(mixedSession, MeasureMatch(mixedMatcher, mixedStream, seconds, session: true));
            compoundSession = MatchFigures.Best(compoundSession, MeasureMatch(compoundMatcher, compoundStream, seconds, session: true));
        }
        var f = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Join("\n",
            "{\"parse\":{\"patterns_per_second\":" + PatternWorkload.Format(parse) + "},",
            string.Create(f, $" \"mixed\":{{\"patterns\":{patterns},\"compound_share\":0.2,\"compile_seconds\":{mixedCompile:F2},\"matcher_heap_mb\":{mixedHeap:F1},{mixedRate.Json()},\"session\":{{{mixedSession.Json()}}}}},"),
            string.Create(f, $" \"compound\":{{\"patterns\":{compound},\"compile_seconds\":{compoundCompile:F2},\"matcher_heap_mb\":{compoundHeap:F1},{compoundRate.Json()},\"session\":{{{compoundSession.Json()}}}}},"),
            string.Create(f, $" \"stream\":{{\"observations\":{observations},\"hit_share\":0.01}}}}")));
        return 0;
    }

    private static double MeasureParse(List<string> texts, double seconds)
    {
        var watch = Stopwatch.StartNew();
        long parsed = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var text in texts)
            {
                if (!StixPattern.Parse(text).Success)
                {
                    throw new InvalidOperationException("generated pattern is invalid: " + text);
                }
            }

            parsed += texts.Count;
        }

        return parsed / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Adds the parsed patterns to a new matcher: the time of <see cref="PatternMatcher.Add"/> alone, and the heap it holds.</summary>
    private static (PatternMatcher Matcher, double Seconds) Compile(List<string> texts, out double heapMegabytes)
    {
        var parsed = texts.Select(t => StixPattern.Parse(t).Value).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var matcher = new PatternMatcher();
        for (var i = 0; i < texts.Count; i++)
        {
            matcher.Add(i.ToString(CultureInfo.InvariantCulture), parsed[i]);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        heapMegabytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
        return (matcher, seconds);
    }

    /// <summary>
    /// Matches the stream over and over for <paramref name="seconds"/>: each observation on its own
    /// (<see cref="PatternMatcher.Match(Observation, List{string})"/>), or through one
    /// <see cref="PatternMatcherSession"/> per pass over the stream (its times do not go on from one pass to the next).
    /// </summary>
    private static MatchFigures MeasureMatch(PatternMatcher matcher, List<Observation> stream, double seconds, bool session)
    {
        var results = new List<string>();
        var matches = new List<PatternMatch>();
        var current = matcher.CreateSession();
        int Pass(Observation observation)
        {
            if (!session)
            {
                matcher.Match(observation, results);
                var count = results.Count;
                results.Clear();
                return count;
            }

            current.Push(observation, matches);
            var found = matches.Count;
            matches.Clear();
            return found;
        }

        // Steady state: one whole pass first (tiered JIT, caches), then a full collection so that the background
        // work compiling left behind (a large heap just promoted) is not charged to matching.
        foreach (var observation in stream)
        {
            Pass(observation);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long done = 0, hits = 0;
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            current = matcher.CreateSession();
            foreach (var observation in stream)
            {
                hits += Pass(observation);
            }

            done += stream.Count;
        }

        var wall = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new MatchFigures(done / wall, done / cpuSeconds, (double)hits / done,
            (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / done, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
    }

    /// <summary>What one matching pass measured.</summary>
    private readonly record struct MatchFigures(double PerSecond, double PerCpuSecond, double HitsPerObservation, double BytesPerObservation, int Gen0, int Gen2)
    {
        public static MatchFigures Best(MatchFigures a, MatchFigures b) => a.PerSecond >= b.PerSecond ? a : b;

        public string Json() => string.Create(CultureInfo.InvariantCulture,
            $"\"observations_per_second_one_core\":{PerSecond:F0},\"observations_per_cpu_second\":{PerCpuSecond:F0},\"matches_per_observation\":{HitsPerObservation:F4},\"bytes_allocated_per_observation\":{BytesPerObservation:F1},\"gen0\":{Gen0},\"gen2\":{Gen2}");
    }
}
