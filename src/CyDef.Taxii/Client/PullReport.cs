namespace CyDef.Taxii.Client;

/// <summary>The outcome of a pull.</summary>
/// <param name="Pages">Pages read.</param>
/// <param name="Read">Objects read.</param>
/// <param name="Stored">Versions the store accepted.</param>
/// <param name="Duplicates">Versions it already held.</param>
/// <param name="Rejected">Objects it refused (invalid STIX 2.1).</param>
public sealed record PullReport(long Pages, long Read, long Stored, long Duplicates, long Rejected);
