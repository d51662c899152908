using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CyDef.Benchmarks.Patterns;
using CyDef.Detection;
using CyDef.Detection.Sightings;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Detection;

/// <summary>
/// <c>detection</c>: EVE lines generated in memory (mixed record types, a share of hits) matched end to end — line
/// split, EVE reader, exact-value index, compiled-matcher probe and sessions, sightings aggregation — against exact-value
/// indicators plus compound patterns, on one core and on two (one session per thread over half the lines, one shared
/// index); a bare <see cref="Utf8JsonReader"/> pass over the same bytes in the same run; the index's heap per
/// exact-value indicator. Prints one JSON object.
/// </summary>
internal static class DetectionLoadTool
{
    private const string Usage = "usage: CyDef.Benchmarks detection [--events N (10000000)] [--indicators N (1000000)] [--compound N (10000)] [--hits F (0.01)] [--rounds N (2)] [--seed N (1)] [--phases 1] [--passes NAME,… (the passes to run, e.g. one_core for a profile)]";
    private const int ChunkBytes = 64 << 20;
    private const long EventsPerFlush = 1_000_000;

    public static int Run(ReadOnlySpan<string> args)
    {
        long events = 10_000_000;
        int indicators = 1_000_000, compound = 10_000, rounds = 2, seed = 1;
        double hits = 0.01;
        var phases = false;
        HashSet<string>? only = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--events": events = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--indicators": indicators = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--compound": compound = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--hits": hits = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--phases": phases = value == "1"; break;
                case "--passes": only = [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]; break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }

        var (index, exactHeap, build) = BuildIndex(indicators, compound, seed);
        var chunks = Generate(events, indicators, hits, seed, out var bytes);
        var rates = new PassRates(events);
        long hitCount = 0, sightings = 0;
        double allocatedPerEvent = 0;
        for (var round = 0; round < rounds; round++)
        {
            Measure("bare_utf8jsonreader", () => Bare(chunks));
            Measure("eve_reader_only", () => ReadOnly(chunks, fastPath: true));
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            if (Measure("one_core", () => (hitCount, sightings) = Match(index, chunks, 1)))
            {
                allocatedPerEvent = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)events;
            }

            Measure("two_cores", () => Match(index, chunks, 2));
            if (phases)
            {
                Measure("eve_reader_utf8jsonreader", () => ReadOnly(chunks, fastPath: false));
                Measure("reader_and_exact", () => Phase(index, chunks, exact: true));
                Measure("reader_and_probe", () => Phase(index, chunks, exact: false));
            }
        }

        var f = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(f, $$"""
            {"events":{{events}},"bytes":{{bytes}},"bytes_per_event":{{bytes / events}},"exact_indicators":{{index.ExactCount}},"pattern_indicators":{{index.PatternCount}},"hit_share":{{hits}},
             "build_seconds":{{build:F1}},"index_heap_bytes_per_exact_indicator":{{exactHeap:F1}},"index_array_bytes_per_exact_indicator":{{(double)index.ExactBytes / index.ExactCount:F1}},
             {{rates.Json()}},
             "one_core_vs_bare":{{Ratio(rates.Wall("one_core"), rates.Wall("bare_utf8jsonreader"))}},"one_core_vs_bare_cpu":{{Ratio(rates.Cpu("one_core"), rates.Cpu("bare_utf8jsonreader"))}},
             "bytes_allocated_per_event_one_core":{{allocatedPerEvent:F1}},"hits":{{hitCount}},"sightings":{{sightings}},"processor_count":{{Environment.ProcessorCount}},"load_average":"{{LoadAverage()}}"}
            """));
        return 0;

        bool Measure(string pass, Action run)
        {
            if (only is not null && !only.Contains(pass))
            {
                return false;
            }

            rates.Measure(pass, run);
            return true;
        }
    }

    /// <summary>The index: its heap growth measured over the exact-value indicators alone, then the compound patterns added.</summary>
    private static (IndicatorIndex Index, double HeapPerExact, double Seconds) BuildIndex(int indicators, int compound, int seed)
    {
        var clock = Stopwatch.StartNew();
        var index = new IndicatorIndex();
        var before = GC.GetTotalMemory(true);
        for (var n = 0; n < indicators; n++)
        {
            index.Apply(Indicator(n, EveWorkload.ExactPattern(n)));
        }

        var heap = (GC.GetTotalMemory(true) - before) / (double)indicators;
        var workload = new PatternWorkload(seed);
        for (var n = 0; n < compound; n++)
        {
            index.Apply(Indicator(indicators + n, workload.Pattern(2_000_000 + n, 1.0)));
        }

        return (index, heap, clock.Elapsed.TotalSeconds);
    }

    private static StixValue Indicator(int n, string pattern) => StixValue.Object(
    [
        new("type", StixValue.String("indicator")),
        new("id", StixValue.String("indicator--" + new Guid(n, (short)(n >> 16), 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 1))),
        new("pattern", StixValue.String(pattern)),
        new("pattern_type", StixValue.String("stix")),
        new("valid_from", StixValue.String("2024-01-01T00:00:00Z")),
    ]);

    private static List<byte[]> Generate(long events, int indicators, double hits, int seed, out long bytes)
    {
        var workload = new EveWorkload(seed, indicators);
        var chunks = new List<byte[]>();
        var chunk = new MemoryStream(ChunkBytes + (1 << 20));
        bytes = 0;
        for (long i = 0; i < events; i++)
        {
            var line = Encoding.UTF8.GetBytes(workload.Line(i, hits));
            chunk.Write(line);
            chunk.WriteByte((byte)'\n');
            bytes += line.Length + 1;
            if (chunk.Length >= ChunkBytes)
            {
                chunks.Add(chunk.ToArray());
                chunk.SetLength(0);
            }
        }

        chunks.Add(chunk.ToArray());
        return chunks;
    }

    private static void Bare(List<byte[]> chunks)
    {
        long tokens = 0;
        foreach (var chunk in chunks)
        {
            var rest = chunk.AsSpan();
            for (var newline = rest.IndexOf((byte)'\n'); newline >= 0; newline = rest.IndexOf((byte)'\n'))
            {
                var reader = new Utf8JsonReader(rest[..newline]);
                while (reader.Read())
                {
                    tokens++;
                }

                rest = rest[(newline + 1)..];
            }
        }

        GC.KeepAlive(tokens);
    }

    /// <summary>
    /// The EVE reader alone (no matching): where the time of the end-to-end pass goes. With <paramref name="fastPath"/>
    /// false, every line is read by the reader's Utf8JsonReader path, which the fast path leaves the lines it cannot
    /// vouch for to (what the fast path saves, measured in the same run).
    /// </summary>
    private static void ReadOnly(List<byte[]> chunks, bool fastPath)
    {
        var reader = new CyDef.Detection.Readers.EveReader(fastPath);
        var e = new SensorEvent();
        long values = 0;
        foreach (var chunk in chunks)
        {
            var rest = chunk.AsSpan();
            for (var newline = rest.IndexOf((byte)'\n'); newline >= 0; newline = rest.IndexOf((byte)'\n'))
            {
                reader.Read(rest[..newline], e, out _);
                values += e.Count;
                rest = rest[(newline + 1)..];
            }
        }

        GC.KeepAlive(values);
    }

    private static (long Hits, long Sightings) Match(IndicatorIndex index, List<byte[]> chunks, int threads)
    {
        var sessions = Enumerable.Range(0, threads)
            .Select(_ => new DetectionSession(index, SensorFormat.Eve, new SightingAggregator(new SightingOptions { Sensor = "bench" }))).ToArray();
        if (threads == 1)
        {
            Run(0);
        }
        else
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, Run);
        }

        return (sessions.Sum(s => s.Stats.Hits), sessions.Sum(s => s.Sightings.Count));

        void Run(int t)
        {
            // The sightings are taken as the node's sink takes them, once a second (CyDef:Detection:FlushInterval): here
            // once per million events, a second at the goal's rate, and at the end.
            var taken = 0L;
            for (var c = t; c < chunks.Count; c += threads)
            {
                sessions[t].ProcessLines(chunks[c]);
                if (sessions[t].Stats.Events - taken >= EventsPerFlush)
                {
                    taken = sessions[t].Stats.Events;
                    sessions[t].Sightings.TakeChanged();
                }
            }

            sessions[t].Sightings.TakeChanged();
        }
    }

    /// <summary>The reader and one stage of matching alone: the exact-value table, or the compound patterns' probe.</summary>
    private static void Phase(IndicatorIndex index, List<byte[]> chunks, bool exact)
    {
        var reader = CyDef.Detection.Readers.SensorRecordReader.For(SensorFormat.Eve);
        var e = new SensorEvent();
        var scratch = new CyDef.Detection.Index.MatchScratch(index, null);
        var hits = new List<Hit>();
        long found = 0;
        index.EnterRead(scratch);
        foreach (var chunk in chunks)
        {
            var rest = chunk.AsSpan();
            for (var newline = rest.IndexOf((byte)'\n'); newline >= 0; newline = rest.IndexOf((byte)'\n'))
            {
                reader.Read(rest[..newline], e, out _);
                if (exact)
                {
                    index.MatchExact(e, scratch, hits);
                    found += hits.Count;
                }
                else
                {
                    found += IndicatorIndex.MayMatchPattern(e, scratch) ? 1 : 0;
                }

                rest = rest[(newline + 1)..];
            }
        }

        index.ExitRead(scratch);
        GC.KeepAlive(found);
    }

    /// <summary>A ratio of two passes' rates, or null when either pass did not run.</summary>
    private static string Ratio(double pass, double bare) =>
        pass > 0 && bare > 0 ? (pass / bare).ToString("F2", CultureInfo.InvariantCulture) : "null";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
}
