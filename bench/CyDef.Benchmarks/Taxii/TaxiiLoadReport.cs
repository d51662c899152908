using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CyDef.Benchmarks.Taxii;

/// <summary>The <c>taxii</c> load tool's results: one JSON object for machines, one line for people.</summary>
internal sealed class TaxiiLoadReport(TaxiiLoadOptions options, long stored, long storeBytes, TimeSpan? fill, MemorySample idle, LoadMeasurement load, LoadMeasurement ceiling)
{
    /// <summary>The goal for the 99th percentile of page latency.</summary>
    public const double GoalP99Milliseconds = 50;

    private readonly double[] _latencies = Latencies(load);

    private readonly double[] _ceiling = Latencies(ceiling);

    private long Pages => _latencies.Length;

    private double PagesPerSecond => Pages / load.Elapsed.TotalSeconds;

    private double CeilingPagesPerSecond => _ceiling.Length / ceiling.Elapsed.TotalSeconds;

    private double Percentile(double p) => Percentile(_latencies, p);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double[] Latencies(LoadMeasurement measurement) =>
        measurement.Walkers.SelectMany(w => w.LatencyTicks).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tool", "CyDef.Benchmarks taxii");
            json.WriteString("date", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteNumber("processors", Environment.ProcessorCount);
            json.WriteNumber("objects_stored", stored);
            json.WriteNumber("store_megabytes", Math.Round(storeBytes / 1048576.0, 1));
            if (fill is { } f)
            {
                json.WriteNumber("fill_seconds", Math.Round(f.TotalSeconds, 1));
            }

            json.WriteNumber("clients", options.Clients);
            json.WriteNumber("page_size", options.PageSize);
            json.WriteNumber("seconds", Math.Round(load.Elapsed.TotalSeconds, 2));
            json.WriteNumber("pages", Pages);
            json.WriteNumber("pages_per_second", Math.Round(PagesPerSecond, 1));
            json.WriteNumber("objects_per_second", Math.Round(load.Walkers.Sum(w => w.Objects) / load.Elapsed.TotalSeconds));
            json.WriteNumber("megabytes_per_second", Math.Round(load.Walkers.Sum(w => w.Bytes) / 1048576.0 / load.Elapsed.TotalSeconds, 1));
            json.WriteNumber("cpu_seconds_per_second", Math.Round(load.Cpu.TotalSeconds / load.Elapsed.TotalSeconds, 2));
            json.WriteStartObject("latency_ms");
            foreach (var (name, p) in new[] { ("p50", 0.50), ("p90", 0.90), ("p99", 0.99), ("max", 1.0) })
            {
                if (_latencies.Length == 0)
                {
                    json.WriteNull(name); // no page was answered in the measured time
                }
                else
                {
                    json.WriteNumber(name, Math.Round(Percentile(p), 2));
                }
            }

            json.WriteEndObject();
            json.WriteNumber("goal_p99_ms", GoalP99Milliseconds);
            json.WriteStartObject("ceiling");
            json.WriteString("what", "the same clients against a server that writes one page held in memory for every request");
            json.WriteNumber("pages_per_second", Math.Round(CeilingPagesPerSecond, 1));
            json.WriteNumber("megabytes_per_second", Math.Round(ceiling.Walkers.Sum(w => w.Bytes) / 1048576.0 / ceiling.Elapsed.TotalSeconds, 1));
            json.WriteNumber("p50_ms", Math.Round(Percentile(_ceiling, 0.5), 2));
            json.WriteNumber("p99_ms", Math.Round(Percentile(_ceiling, 0.99), 2));
            json.WriteNumber("node_share_of_ceiling", Math.Round(PagesPerSecond / CeilingPagesPerSecond, 3));
            json.WriteEndObject();
            json.WriteStartObject("memory_megabytes");
            json.WriteNumber("idle_working_set", Megabytes(idle.WorkingSet));
            json.WriteNumber("idle_gc_heap", Megabytes(idle.GcHeap));
            json.WriteNumber("peak_working_set", Megabytes(load.Peak.WorkingSet));
            json.WriteNumber("peak_gc_heap", Megabytes(load.Peak.GcHeap));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"taxii: {stored:N0} objects, {options.Clients} clients, pages of {options.PageSize}: {PagesPerSecond:F1} pages/s, p50 {Percentile(0.5):F1} ms, p99 {Percentile(0.99):F1} ms (goal < {GoalP99Milliseconds} ms); ceiling (one page from memory) {CeilingPagesPerSecond:F1} pages/s, p99 {Percentile(_ceiling, 0.99):F1} ms; working set {Megabytes(idle.WorkingSet):F0} MB idle, {Megabytes(load.Peak.WorkingSet):F0} MB peak");

    private static double Megabytes(long bytes) => Math.Round(bytes / 1048576.0, 1);
}
