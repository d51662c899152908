using CyDef.Patterns.Internal.Matching;

namespace CyDef.Patterns;

/// <summary>
/// A cheap test, before any STIX object is built, of whether an Observation could satisfy any bracketed expression
/// of a <see cref="PatternMatcher"/>. The caller names up front the SCO types it builds and every object path on
/// which those SCOs carry a string value; per Observation it reports the types and the values on those paths.
/// When no type is <see cref="TypeAlwaysCandidate">always a candidate</see> and no value <see cref="MayMatch(int, ReadOnlySpan{char})"/>,
/// the matcher would verify no bracket on it: <see cref="PatternMatcher.Match(Observation, List{string})"/> finds
/// nothing and a session keeps nothing, so the Observation need not be built. Lookups use the matcher's own indexes
/// and Bloom filters. One probe per thread; call <see cref="Enter"/> before and <see cref="Exit"/> after the lookups
/// of one Observation (a read lock on the matcher: the matcher may change between Observations).
/// </summary>
public sealed class PatternMatcherProbe
{
    private readonly PatternMatcher _matcher;
    private readonly string[] _types;
    private readonly string[] _paths;
    private readonly PathSlot?[] _slots;
    private readonly bool[] _typeAlways;
    private readonly Internal.Matching.CandidateSet _candidates = new();
    private char[] _chars = new char[256];
    private long _version = -1;

    /// <summary>Creates a probe.</summary>
    /// <param name="matcher">The matcher.</param>
    /// <param name="types">The SCO types the caller's Observations hold.</param>
    /// <param name="paths">Every object path (canonical syntax, e.g. <c>network-traffic:dst_ref.value</c>) on which
    /// those SCOs carry a string value, including <c>type</c>, <c>id</c> and references.</param>
    public PatternMatcherProbe(PatternMatcher matcher, IReadOnlyList<string> types, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(paths);
        _matcher = matcher;
        _types = [.. types];
        _paths = [.. paths];
        _slots = new PathSlot?[_paths.Length];
        _typeAlways = new bool[_types.Length];
    }

    /// <summary>Takes the matcher's read lock and refreshes what changed since the last Observation.</summary>
    public void Enter()
    {
        _matcher.Lock.EnterReadLock();
        if (_matcher.Version != _version)
        {
            Refresh();
        }
    }

    /// <summary>Releases the matcher's read lock.</summary>
    public void Exit() => _matcher.Lock.ExitReadLock();

    /// <summary>
    /// Whether every Observation holding an SCO of <c>types[type]</c> must be matched: some bracket is verified on
    /// every such SCO (a comparison no index serves), or the matcher indexes a path of that type the caller did not name.
    /// </summary>
    /// <param name="type">The index of the type in the constructor's list.</param>
    public bool TypeAlwaysCandidate(int type) => _typeAlways[type];

    /// <summary>Whether the matcher indexes anything on <c>paths[path]</c> (when not, <see cref="MayMatch(int, ReadOnlySpan{char})"/> is false for every value).</summary>
    /// <param name="path">The index of the path in the constructor's list.</param>
    public bool Indexes(int path) => _slots[path] is not null;

    /// <summary>Whether some bracket's index entry on <c>paths[path]</c> selects <paramref name="value"/>; false is certain.</summary>
    /// <param name="path">The index of the path in the constructor's list.</param>
    /// <param name="value">The value.</param>
    public bool MayMatch(int path, ReadOnlySpan<char> value)
    {
        var slot = _slots[path];
        if (slot is null)
        {
            return false;
        }

        _candidates.Clear();
        slot.Lookup(value, _candidates);
        return _candidates.Items.Count > 0;
    }

    /// <summary>
    /// <see cref="MayMatch(int, ReadOnlySpan{char})"/> for a value in UTF-8, with the same answer: ASCII text is first
    /// asked of the path's filters with hashes computed on its bytes, and decoded only when one of them passes (most
    /// values pass none); other text is decoded (invalid UTF-8 as U+FFFD) and looked up.
    /// </summary>
    /// <param name="path">The index of the path in the constructor's list.</param>
    /// <param name="utf8Value">The value, UTF-8.</param>
    public bool MayMatch(int path, ReadOnlySpan<byte> utf8Value)
    {
        var slot = _slots[path];
        return slot is not null && slot.MayHold(utf8Value) && MayMatchDecoded(path, utf8Value);
    }

    /// <summary>
    /// Whether <see cref="MayMatch(int, ReadOnlySpan{byte})"/> holds on either of two paths (an address stands on its
    /// SCO's and on a network-traffic end), with the same answer; the text is examined once for both — whether it is
    /// ASCII, its exact-value hash, the address it is.
    /// </summary>
    /// <param name="path">The index of the first path in the constructor's list.</param>
    /// <param name="second">The index of the second, or -1.</param>
    /// <param name="utf8Value">The value, UTF-8.</param>
    public bool MayMatchEither(int path, int second, ReadOnlySpan<byte> utf8Value) => MayMatchEither(path, second, utf8Value, knownAscii: false);

    /// <summary>
    /// <see cref="MayMatchEither(int, int, ReadOnlySpan{byte})"/> for a caller that may know the value is ASCII (a
    /// reader that found its whole line so), which spares checking it again.
    /// </summary>
    /// <param name="path">The index of the first path in the constructor's list.</param>
    /// <param name="second">The index of the second, or -1.</param>
    /// <param name="utf8Value">The value, UTF-8.</param>
    /// <param name="knownAscii">True only when every byte of the value is below 0x80; false when that is not known.</param>
    public bool MayMatchEither(int path, int second, ReadOnlySpan<byte> utf8Value, bool knownAscii)
    {
        var first = _slots[path];
        var other = second >= 0 ? _slots[second] : null;
        if (first is null)
        {
            (first, path, other, second) = (other, second, null, -1);
            if (first is null)
            {
                return false;
            }
        }

        if (!AsciiValue.TryRead(utf8Value, knownAscii, first.HasCidr || (other?.HasCidr ?? false), out var value))
        {
            return MayMatchDecoded(path, utf8Value) || (other is not null && MayMatchDecoded(second, utf8Value));
        }

        return (first.MayHold(utf8Value, value) && MayMatchDecoded(path, utf8Value))
            || (other is not null && other.MayHold(utf8Value, value) && MayMatchDecoded(second, utf8Value));
    }

    /// <summary>The value decoded to UTF-16 (invalid UTF-8 as U+FFFD) and looked up on the path.</summary>
    private bool MayMatchDecoded(int path, ReadOnlySpan<byte> utf8Value)
    {
        if (_chars.Length < utf8Value.Length)
        {
            _chars = new char[utf8Value.Length * 2]; // UTF-8 never takes fewer code units in UTF-16 than bytes
        }

        return MayMatch(path, _chars.AsSpan(0, System.Text.Encoding.UTF8.GetChars(utf8Value, _chars)));
    }

    private void Refresh()
    {
        var named = new HashSet<string>(_paths, StringComparer.Ordinal);
        for (var i = 0; i < _paths.Length; i++)
        {
            _slots[i] = _matcher.SlotOf(_paths[i]);
        }

        for (var i = 0; i < _types.Length; i++)
        {
            _typeAlways[i] = _matcher.TypeAlwaysCandidate(_types[i]) || _matcher.SlotsOfType(_types[i]).Any(s => !named.Contains(s.Key));
        }

        _version = _matcher.Version;
    }
}
