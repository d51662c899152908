namespace CyDef.Storage;

/// <summary>
/// Which versions of each object a query returns (TAXII 2.1 §3.4.1 <c>match[version]</c>): any combination of the
/// first, the last, all, and versions with given <c>modified</c> timestamps.
/// </summary>
public sealed record VersionFilter
{
    /// <summary>The newest version of each object only (TAXII's default).</summary>
    public static VersionFilter Last { get; } = new() { IncludeLast = true };

    /// <summary>The oldest version of each object only.</summary>
    public static VersionFilter First { get; } = new() { IncludeFirst = true };

    /// <summary>Every version.</summary>
    public static VersionFilter All { get; } = new() { IncludeAll = true };

    /// <summary>Include the oldest version of each object.</summary>
    public bool IncludeFirst { get; init; }

    /// <summary>Include the newest version of each object.</summary>
    public bool IncludeLast { get; init; }

    /// <summary>Include every version (the other settings then add nothing).</summary>
    public bool IncludeAll { get; init; }

    /// <summary>Include the versions whose <c>modified</c> equals one of these STIX timestamps.</summary>
    public IReadOnlyList<string> Modified { get; init; } = [];

    /// <summary>Only the versions with these <c>modified</c> timestamps.</summary>
    /// <param name="modified">STIX timestamps, e.g. <c>2016-04-06T20:03:48.000Z</c>.</param>
    public static VersionFilter At(params string[] modified) => new() { Modified = modified };
}
