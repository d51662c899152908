namespace CyDef.Taxii.Resources;

/// <summary>The manifest resource (TAXII 2.1 §5.3.1).</summary>
/// <param name="More">Whether more records follow.</param>
/// <param name="Next">The token for the next page.</param>
/// <param name="Objects">The records; null (omitted) when there are none.</param>
public sealed record Manifest(bool? More, string? Next, IReadOnlyList<ManifestRecord>? Objects);
