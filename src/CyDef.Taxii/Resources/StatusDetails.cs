namespace CyDef.Taxii.Resources;

/// <summary>A status-details entry (TAXII 2.1 §4.3.2): what happened to one object of a request.</summary>
/// <param name="Id">The object's STIX id.</param>
/// <param name="Version">The object's version.</param>
/// <param name="Message">Why, for a failure.</param>
public sealed record StatusDetails(string Id, string Version, string? Message = null);
