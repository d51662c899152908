namespace CyDef.Storage;

/// <summary>
/// The versions one transaction added to the change feed, as <see cref="IObjectStore.Committed"/> hands them to the
/// feed's followers in the same process, so that they need not read them back from the store.
/// </summary>
/// <param name="After">The feed's last sequence number before them: the versions are the ones from <c>After + 1</c> on, without a gap.</param>
/// <param name="Versions">The versions, in sequence order, with their content; <see cref="StoredObject.IsLatest"/> as of the commit
/// (a later batch may supersede one, as a later page of the feed would show).</param>
public sealed record CommittedVersions(long After, IReadOnlyList<StoredObject> Versions)
{
    /// <summary>The sequence number of the last version.</summary>
    public long Last => Versions[^1].Sequence;

    /// <summary>The bytes of the versions' content.</summary>
    public long Bytes { get; } = Versions.Sum(v => (long)v.Json.Length);
}
