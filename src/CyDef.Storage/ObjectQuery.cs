namespace CyDef.Storage;

/// <summary>
/// A page request over stored versions in change-feed order (TAXII 2.1 GET objects and manifest): filters by id,
/// type, version, date added and spec_version, combined with AND; values within one filter combine with OR.
/// </summary>
public sealed record ObjectQuery
{
    /// <summary>The largest page the store returns, whatever <see cref="Limit"/> asks.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Only these ids; empty for any.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>Only these types; empty for any.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>Which versions of each object; <see cref="VersionFilter.Last"/> by default.</summary>
    public VersionFilter Versions { get; init; } = VersionFilter.Last;

    /// <summary>Only these spec_versions; empty for any.</summary>
    public IReadOnlyList<string> SpecVersions { get; init; } = [];

    /// <summary>Only versions added strictly after this instant (TAXII <c>added_after</c>).</summary>
    public DateTimeOffset? AddedAfter { get; init; }

    /// <summary>The keyset cursor: only versions with a sequence number greater than this (the previous page's <see cref="ObjectPage.Next"/>).</summary>
    public long? After { get; init; }

    /// <summary>The most versions to return (1 to <see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = 1000;

    /// <summary>Whether to load each version's JSON; false for manifests.</summary>
    public bool IncludeContent { get; init; } = true;
}
