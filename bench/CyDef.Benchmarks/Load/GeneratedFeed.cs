namespace CyDef.Benchmarks.Load;

/// <summary>What the generator wrote in this run: objects by type, and how long it took (not part of any figure).</summary>
internal sealed record GeneratedFeed(IReadOnlyDictionary<string, long> ObjectsByType, TimeSpan Elapsed);
