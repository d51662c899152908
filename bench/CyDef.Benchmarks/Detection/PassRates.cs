using System.Diagnostics;
using System.Globalization;

namespace CyDef.Benchmarks.Detection;

/// <summary>
/// The best rate of each pass over its rounds: events per second of wall-clock time, and events per second of the
/// process's CPU time — on a machine that others load, the CPU figure is the steadier of the two (it leaves out the
/// time the pass waited for a core; for a pass on two threads it counts both) — and, for the round with the best CPU
/// rate, the share of its wall-clock time that garbage collections paused it.
/// </summary>
internal sealed class PassRates(long events)
{
    private readonly Dictionary<string, (double Wall, double Cpu, double GcShare)> _best = [];

    public void Measure(string pass, Action run)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        run();
        var wall = clock.Elapsed.TotalSeconds;
        var gcShare = (GC.GetTotalPauseDuration() - paused).TotalSeconds / wall;
        process.Refresh();
        var used = (process.TotalProcessorTime - cpu).TotalSeconds;
        var best = _best.GetValueOrDefault(pass);
        var rate = events / Math.Max(used, 1e-9);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pass}: {events / wall:F0} events/s, {rate:F0} per CPU second, GC pauses {gcShare:P1} ({GC.CollectionCount(0) - gen0} collections of gen0, {GC.CollectionCount(1) - gen1} of gen1, {GC.CollectionCount(2) - gen2} of gen2)"));
        _best[pass] = (Math.Max(best.Wall, events / wall), Math.Max(best.Cpu, rate), rate > best.Cpu ? gcShare : best.GcShare);
    }

    public double Wall(string pass) => _best.GetValueOrDefault(pass).Wall;

    public double Cpu(string pass) => _best.GetValueOrDefault(pass).Cpu;

    /// <summary>The rates as JSON members: <c>"pass_events_per_second":…,"pass_events_per_cpu_second":…,"pass_gc_pause_share":…</c>.</summary>
    public string Json() => string.Join(",", _best.Select(pair => string.Create(CultureInfo.InvariantCulture,
        $"\"{pair.Key}_events_per_second\":{pair.Value.Wall:F0},\"{pair.Key}_events_per_cpu_second\":{pair.Value.Cpu:F0},\"{pair.Key}_gc_pause_share\":{pair.Value.GcShare:F3}")));
}
