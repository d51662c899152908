namespace CyDef.Detection;

/// <summary>What <see cref="IndicatorIndex.Apply"/> did with an indicator version.</summary>
public enum IndicatorChange
{
    /// <summary>Now matched, by exact values (the fast path).</summary>
    AddedExact,
    /// <summary>Now matched, by the compiled pattern matcher.</summary>
    AddedPattern,
    /// <summary>Not matched until its <c>valid_from</c>; the index adds it then (<see cref="IndicatorIndex.Advance"/>).</summary>
    Pending,
    /// <summary>Revoked, expired or otherwise no longer matched (and taken out if it was).</summary>
    Removed,
    /// <summary>Not an indicator this index can match: another type, a <c>pattern_type</c> other than <c>stix</c>, an invalid pattern.</summary>
    Ignored,
}
