namespace CyDef.Storage;

/// <summary>One stored version of a STIX object, as the store returns it.</summary>
/// <param name="Sequence">Its position in the change feed: assigned when the version was accepted, never reused.</param>
/// <param name="Id">The object's <c>id</c>.</param>
/// <param name="Type">The object's <c>type</c>.</param>
/// <param name="Modified">The <c>modified</c> timestamp as written; <see langword="null"/> for objects that are not versioned (SCOs, marking definitions).</param>
/// <param name="SpecVersion">The <c>spec_version</c> (2.1 when an SCO leaves it out).</param>
/// <param name="DateAdded">When this store accepted the version (TAXII 2.1 <c>date_added</c>); strictly increasing with <paramref name="Sequence"/>.</param>
/// <param name="IsLatest">Whether this is the newest version of the object in the store.</param>
/// <param name="Revoked">Whether the version has <c>revoked: true</c>.</param>
/// <param name="Json">The version as compact UTF-8 JSON, properties in the order received; empty when the query asked for no content.</param>
public sealed record StoredObject(
    long Sequence,
    string Id,
    string Type,
    string? Modified,
    string SpecVersion,
    DateTimeOffset DateAdded,
    bool IsLatest,
    bool Revoked,
    ReadOnlyMemory<byte> Json);
