using System.Diagnostics;

namespace CyDef.Benchmarks.Load;

/// <summary>Runs one pass on the current thread and measures its wall and CPU time, allocations and collections.</summary>
internal static class PassMeasurement
{
    public static PassResult Measure(string name, long bytes, Func<PassCounts> pass)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();

        var counts = pass();

        stopwatch.Stop();
        return new PassResult(
            name,
            bytes,
            counts,
            stopwatch.Elapsed,
            Environment.CpuUsage.TotalTime - cpu,
            GC.GetAllocatedBytesForCurrentThread() - allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            GC.GetTotalPauseDuration() - pause);
    }
}
