using BenchmarkDotNet.Configs;

namespace CyDef.Benchmarks;

/// <summary>Adds the throughput columns (MB/s, objects/s, bytes per object, speed relative to the bare pass).</summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(
            new ThroughputColumn(ThroughputKind.MegabytesPerSecond),
            new ThroughputColumn(ThroughputKind.ObjectsPerSecond),
            new ThroughputColumn(ThroughputKind.BytesAllocatedPerObject),
            new ThroughputColumn(ThroughputKind.RelativeToBare));
    }
}
