namespace CyDef.Benchmarks.Taxii;

/// <summary>A process's memory at one moment: working set and managed heap, in bytes.</summary>
internal readonly record struct MemorySample(long WorkingSet, long GcHeap);

/// <summary>What the clients measured in the timed part of the run.</summary>
internal sealed record LoadMeasurement(IReadOnlyList<PageWalker> Walkers, TimeSpan Elapsed, TimeSpan Cpu, MemorySample Peak);
