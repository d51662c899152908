namespace CyDef.Stix;

/// <summary>The versioning rules of §3.6: which version is newest, and whether a new version may follow an old one.</summary>
public static class StixVersions
{
    /// <summary>
    /// The newest of some versions of one object: the greatest <c>modified</c> (§3.6: implementations MUST
    /// treat it as the current state). Versions without a readable <c>modified</c> lose to those with one.
    /// </summary>
    /// <param name="versions">Versions of one object.</param>
    /// <returns>The newest, or <see langword="null"/> when there is none.</returns>
    public static StixObject? Newest(IEnumerable<StixObject> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        StixObject? newest = null;
        foreach (var version in versions)
        {
            if (newest is null || Compare(version, newest) > 0)
            {
                newest = version;
            }
        }

        return newest;
    }

    /// <summary>Orders two versions of one object by <c>modified</c>.</summary>
    /// <param name="a">One version.</param>
    /// <param name="b">The other.</param>
    public static int Compare(StixObject a, StixObject b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a.Modified, b.Modified) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            ({ } x, { } y) => x.CompareTo(y),
        };
    }

    /// <summary>
    /// Why <paramref name="next"/> may not follow <paramref name="previous"/> as a new version (§3.6), or
    /// <see langword="null"/> when it may: same id, same <c>created</c>, same creator, a later <c>modified</c>,
    /// and the previous version not revoked.
    /// </summary>
    /// <param name="previous">The current version.</param>
    /// <param name="next">The proposed new version.</param>
    public static string? CheckSuccessor(StixObject previous, StixObject next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        return true switch
        {
            _ when previous.Id != next.Id => "a new version has the same id as the object it updates",
            _ when previous.Modified is null || next.Modified is null => "only objects with 'modified' are versioned",
            _ when previous.Revoked => "the object is revoked: no later version may be created (§3.6)",
            _ when previous.Created != next.Created => "'created' must not change between versions (§3.2)",
            _ when previous.CreatedByRef != next.CreatedByRef => "only the object creator makes new versions: 'created_by_ref' must not change (§3.6)",
            _ when next.Modified <= previous.Modified => "a new version's 'modified' must be later than the previous version's (§3.6)",
            _ => null,
        };
    }
}
