namespace CyDef.Benchmarks.Load;

/// <summary>What one measured pass over the input did and cost.</summary>
internal sealed record PassResult(
    string Name,
    long Bytes,
    PassCounts Counts,
    TimeSpan Wall,
    TimeSpan Cpu,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    TimeSpan GcPause)
{
    private const double Megabyte = 1 << 20;

    public double MegabytesPerSecond => Bytes / Megabyte / Wall.TotalSeconds;

    /// <summary>Megabytes per second of CPU time of the whole process: less disturbed than wall time when other processes compete for the cores.</summary>
    public double MegabytesPerCpuSecond => Bytes / Megabyte / Cpu.TotalSeconds;

    public double ObjectsPerSecond => Counts.Objects / Wall.TotalSeconds;

    /// <summary>Objects per second of CPU time of the whole process (the GC's background threads included).</summary>
    public double ObjectsPerCpuSecond => Counts.Objects / Cpu.TotalSeconds;

    public double AllocatedBytesPerObject => Counts.Objects == 0 ? 0 : (double)AllocatedBytes / Counts.Objects;
}
