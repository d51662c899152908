using CyDef.Stix.Json;

namespace CyDef.Taxii.Client;

/// <summary>One page of objects (the envelope, TAXII 2.1 §3.7) with the response's date headers.</summary>
/// <param name="More">Whether more objects follow.</param>
/// <param name="Next">The token for the next page, when the server gave one.</param>
/// <param name="Objects">The STIX objects.</param>
/// <param name="DateAddedFirst">X-TAXII-Date-Added-First.</param>
/// <param name="DateAddedLast">X-TAXII-Date-Added-Last.</param>
public sealed record TaxiiEnvelope(bool More, string? Next, IReadOnlyList<StixValue> Objects, DateTimeOffset? DateAddedFirst, DateTimeOffset? DateAddedLast);
