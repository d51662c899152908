namespace CyDef.Taxii.Resources;

/// <summary>A manifest-record (TAXII 2.1 §5.3.2): one version of one object in a collection.</summary>
/// <param name="Id">The STIX id.</param>
/// <param name="DateAdded">When the collection added this version (a TAXII timestamp).</param>
/// <param name="Version">The version: <c>modified</c>, else <c>created</c>, else the date added.</param>
/// <param name="MediaType">The version's media type.</param>
public sealed record ManifestRecord(string Id, string DateAdded, string Version, string? MediaType);
