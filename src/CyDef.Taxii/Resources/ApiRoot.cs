namespace CyDef.Taxii.Resources;

/// <summary>The api-root resource (TAXII 2.1 §4.2.1).</summary>
/// <param name="Title">A human-readable name.</param>
/// <param name="Description">What the API Root is for.</param>
/// <param name="Versions">The TAXII media types it supports.</param>
/// <param name="MaxContentLength">The largest request body, in octets, that it accepts.</param>
public sealed record ApiRoot(string Title, string? Description, IReadOnlyList<string> Versions, long MaxContentLength);
