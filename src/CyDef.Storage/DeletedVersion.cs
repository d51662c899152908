namespace CyDef.Storage;

/// <summary>
/// One version that an administrator deleted (<see cref="IObjectStore.DeleteAsync"/>), as the store's deletion log
/// keeps it, so that the feed's followers — the detection index, the operational picture — drop it while the node
/// runs rather than at its next start.
/// </summary>
/// <param name="Position">Its position in the deletion log: increasing, never reused.</param>
/// <param name="Id">The object's <c>id</c>.</param>
/// <param name="Sequence">The deleted version's sequence number in the change feed.</param>
/// <param name="WasLatest">Whether it was the object's newest version (the next newest, if any, is now).</param>
/// <param name="DeletedAt">When it was deleted.</param>
/// <param name="Modified">The deleted version's <c>modified</c>; <see langword="null"/> for objects that are not versioned.</param>
/// <param name="Access">
/// What the sharing policy decides on, as a STIX object without content (type, id, version, creator, markings,
/// provenance): whom the version was allowed to tells whom its deletion may be told.
/// </param>
public sealed record DeletedVersion(long Position, string Id, long Sequence, bool WasLatest, DateTimeOffset DeletedAt, string? Modified, ReadOnlyMemory<byte> Access)
{
    /// <summary>The object's type, from its id (<c>type--UUID</c>).</summary>
    public string Type => Id.IndexOf("--", StringComparison.Ordinal) is var end and > 0 ? Id[..end] : Id;
}
