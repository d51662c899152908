namespace CyDef.Benchmarks.Load;

/// <summary>What a pass found: JSON tokens, objects read, read errors, and validation findings.</summary>
/// <param name="Tokens">JSON tokens (bare pass only).</param>
/// <param name="Objects">Objects read without error.</param>
/// <param name="ReadErrors">Items the reader reported as errors.</param>
/// <param name="InvalidObjects">Objects with at least one validation error (MUST broken).</param>
/// <param name="Warnings">Validation warnings (SHOULD findings) over all objects.</param>
internal readonly record struct PassCounts(long Tokens, long Objects, long ReadErrors, long InvalidObjects, long Warnings);
