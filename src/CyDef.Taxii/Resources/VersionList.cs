namespace CyDef.Taxii.Resources;

/// <summary>The versions resource (TAXII 2.1 §5.8.1).</summary>
/// <param name="More">Whether more versions follow.</param>
/// <param name="Next">The token for the next page.</param>
/// <param name="Versions">The versions; null (omitted) when there are none.</param>
public sealed record VersionList(bool? More, string? Next, IReadOnlyList<string>? Versions);
