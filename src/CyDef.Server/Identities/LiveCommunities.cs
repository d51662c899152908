using System.Collections;
using System.Collections.Frozen;

namespace CyDef.Server.Identities;

/// <summary>
/// The communities the node's organisation belongs to, as the directory says now: the sharing policy's node identity
/// and the default viewer hold this set, so that a membership an administrator adds or ends counts from the next
/// request on, without a restart. Reads see one whole snapshot.
/// </summary>
public sealed class LiveCommunities : IReadOnlySet<string>
{
    private volatile FrozenSet<string> _current = FrozenSet<string>.Empty;

    /// <summary>Replaces the set.</summary>
    /// <param name="communities">The communities now.</param>
    public void Set(IEnumerable<string> communities) => _current = communities.ToFrozenSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public int Count => _current.Count;

    /// <inheritdoc />
    public bool Contains(string item) => _current.Contains(item);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_current).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool IsProperSubsetOf(IEnumerable<string> other) => _current.IsProperSubsetOf(other);

    /// <inheritdoc />
    public bool IsProperSupersetOf(IEnumerable<string> other) => _current.IsProperSupersetOf(other);

    /// <inheritdoc />
    public bool IsSubsetOf(IEnumerable<string> other) => _current.IsSubsetOf(other);

    /// <inheritdoc />
    public bool IsSupersetOf(IEnumerable<string> other) => _current.IsSupersetOf(other);

    /// <inheritdoc />
    public bool Overlaps(IEnumerable<string> other) => _current.Overlaps(other);

    /// <inheritdoc />
    public bool SetEquals(IEnumerable<string> other) => _current.SetEquals(other);
}
