using CyDef.Patterns.Internal.Evaluation;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>
/// The index of one object path (e.g. <c>ipv4-addr:value</c>, <c>network-traffic:dst_ref.value</c>): the brackets
/// anchored on it, by exact value, by CIDR block (one hash per prefix length in use), by LIKE prefix and suffix,
/// and required literals by substring (<see cref="LiteralIndex"/>). Work per value depends on the lengths and prefix
/// lengths in use and on the brackets found, not on how many brackets the slot holds. A <see cref="KeyFilter"/>
/// over all keys answers most lookups of values no pattern names before the hash tables are touched.
/// </summary>
internal sealed class PathSlot(PathComponent[] path, string key)
{
    private readonly Dictionary<string, List<int>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _prefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _suffix = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, int> _prefixLengths = [];
    private readonly SortedDictionary<int, int> _suffixLengths = [];
    private readonly Dictionary<(bool, int, UInt128), List<int>> _cidr = [];
    private readonly SortedDictionary<(bool, int), int> _cidrLengths = [];
    private readonly LiteralIndex _contains = new();
    private int[] _prefixLengthArray = [];
    private int[] _suffixLengthArray = [];
    private (bool V6, int Length)[] _cidrLengthArray = [];
    private readonly KeyFilter _filter = new();

    // Which kinds of anchor the slot holds (bit 1 << AnchorKind), kept as anchors come and go: the probe reads one
    // field of the slot instead of a count from each table.
    private int _kinds;

    public PathComponent[] Path { get; } = path;

    /// <summary>The path in canonical pattern syntax.</summary>
    public string Key { get; } = key;

    public int Count { get; private set; }

    public void Add(Anchor anchor, int bracket)
    {
        Count++;
        switch (anchor.Kind)
        {
            case AnchorKind.Exact:
                Bucket(_exact, anchor.Text, ExactHash(anchor.Text)).Add(bracket);
                break;
            case AnchorKind.Prefix:
                Bucket(_prefix, anchor.Text, PrefixHash(anchor.Text)).Add(bracket);
                Use(_prefixLengths, anchor.Text.Length, +1);
                break;
            case AnchorKind.Suffix:
                Bucket(_suffix, anchor.Text, SuffixHash(anchor.Text)).Add(bracket);
                Use(_suffixLengths, anchor.Text.Length, +1);
                break;
            case AnchorKind.Cidr:
                var cidr = (anchor.Network.IsV6, anchor.Network.PrefixLength, anchor.Network.Masked);
                Bucket(_cidr, cidr, CidrHash(cidr)).Add(bracket);
                Use(_cidrLengths, (anchor.Network.IsV6, anchor.Network.PrefixLength), +1);
                break;
            default:
                _contains.Add(anchor.Text, bracket);
                break;
        }

        UpdateKinds();
        RebuildFilterIfNeeded();
    }

    public void Remove(Anchor anchor, int bracket)
    {
        Count--;
        switch (anchor.Kind)
        {
            case AnchorKind.Exact:
                Unbucket(_exact, anchor.Text, bracket);
                break;
            case AnchorKind.Prefix:
                Unbucket(_prefix, anchor.Text, bracket);
                Use(_prefixLengths, anchor.Text.Length, -1);
                break;
            case AnchorKind.Suffix:
                Unbucket(_suffix, anchor.Text, bracket);
                Use(_suffixLengths, anchor.Text.Length, -1);
                break;
            case AnchorKind.Cidr:
                Unbucket(_cidr, (anchor.Network.IsV6, anchor.Network.PrefixLength, anchor.Network.Masked), bracket);
                Use(_cidrLengths, (anchor.Network.IsV6, anchor.Network.PrefixLength), -1);
                break;
            default:
                _contains.Remove(anchor.Text, bracket);
                break;
        }

        UpdateKinds();
        RebuildFilterIfNeeded();
    }

    /// <summary>Adds to <paramref name="candidates"/> the brackets whose anchors hold for any value the path selects on the SCO.</summary>
    public void Collect(StixValue sco, Observation observation, ValueCollector collector, CandidateSet candidates)
    {
        collector.Values.Clear();
        PathWalker.Any(sco, Path, observation, collector);
        foreach (var value in collector.Values)
        {
            Lookup(value, candidates);
        }
    }

    /// <summary>Adds the brackets whose anchors hold for one value on this path (no allocation for ASCII values).</summary>
    public void Lookup(ReadOnlySpan<char> value, CandidateSet candidates)
    {
        if (_exact.Count > 0 && _filter.MayContain(ExactHash(value)) && _exact.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var exact))
        {
            candidates.AddRange(exact);
        }

        if (_cidrLengthArray.Length > 0 && IpNetwork.TryParse(value, out var network))
        {
            foreach (var (v6, length) in _cidrLengthArray)
            {
                if (v6 == network.IsV6 && length <= network.PrefixLength)
                {
                    var key = (v6, length, (network with { PrefixLength = length }).Masked);
                    if (_filter.MayContain(CidrHash(key)) && _cidr.TryGetValue(key, out var hit))
                    {
                        candidates.AddRange(hit);
                    }
                }
            }
        }

        if (_prefixLengthArray.Length + _suffixLengthArray.Length + _contains.Count > 0)
        {
            // NFC leaves ASCII as it is.
            LookupText(System.Text.Ascii.IsValid(value) ? value : Like.TryNfc(value.ToString()), candidates);
        }
    }

    /// <summary>
    /// Whether <see cref="Lookup"/> may find a bracket for this value, given in UTF-8 (false is certain): for ASCII
    /// text, the exact, prefix, suffix and literal filters asked with hashes computed on the bytes (equal to those of
    /// the UTF-16 form), so that the caller decodes only the values that pass; IPv4 addresses are parsed from the bytes
    /// for the CIDR blocks. Text that is not ASCII is left to <see cref="Lookup"/> (true).
    /// </summary>
    public bool MayHold(ReadOnlySpan<byte> utf8)
    {
        return !AsciiValue.TryRead(utf8, knownAscii: false, HasCidr, out var value) || MayHold(utf8, value);
    }

    /// <summary>Whether the path has CIDR blocks (then <see cref="MayHold(ReadOnlySpan{byte}, in AsciiValue)"/> needs the value's address facts).</summary>
    public bool HasCidr => Holds(_kinds, AnchorKind.Cidr);

    /// <summary><see cref="MayHold(ReadOnlySpan{byte})"/> for ASCII text whose path-independent facts are read already (for a value on several paths).</summary>
    public bool MayHold(ReadOnlySpan<byte> ascii, in AsciiValue value)
    {
        var kinds = _kinds;
        return (Holds(kinds, AnchorKind.Exact) && _filter.MayContain(value.ExactKey))
            || (Holds(kinds, AnchorKind.Cidr) && AnyCidr(value))
            || (Holds(kinds, AnchorKind.Prefix) && AnyPrefix(ascii))
            || (Holds(kinds, AnchorKind.Suffix) && AnySuffix(ascii))
            || (Holds(kinds, AnchorKind.Contains) && _contains.MayContainAny(ascii));
    }

    private static bool Holds(int kinds, AnchorKind kind) => (kinds & (1 << (int)kind)) != 0;

    private void UpdateKinds() => _kinds =
        (_exact.Count > 0 ? 1 << (int)AnchorKind.Exact : 0)
        | (_cidrLengthArray.Length > 0 ? 1 << (int)AnchorKind.Cidr : 0)
        | (_prefixLengthArray.Length > 0 ? 1 << (int)AnchorKind.Prefix : 0)
        | (_suffixLengthArray.Length > 0 ? 1 << (int)AnchorKind.Suffix : 0)
        | (_contains.Count > 0 ? 1 << (int)AnchorKind.Contains : 0);

    /// <summary>
    /// <see cref="Lookup"/>'s CIDR part on ASCII bytes, asked of the filter alone: an IPv4 address (parsed from the
    /// bytes) is asked for each block length in use; a value with a colon (IPv6) or a slash (a block itself) is left to
    /// <see cref="Lookup"/>; anything else is no address, there as here.
    /// </summary>
    private bool AnyCidr(in AsciiValue value)
    {
        if (value.ColonOrSlash)
        {
            return true;
        }

        if (!value.IsIpv4)
        {
            return false;
        }

        foreach (var (v6, length) in _cidrLengthArray)
        {
            if (!v6 && _filter.MayContain(CidrHashV4(value.Ipv4 & (uint)(ulong.MaxValue << (32 - length)), length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><see cref="LookupPrefixes"/>' hashes on ASCII bytes, asked of the filter alone.</summary>
    private bool AnyPrefix(ReadOnlySpan<byte> text)
    {
        var state = TextHash.Seed;
        var blocks = 0;
        foreach (var length in _prefixLengthArray)
        {
            if (length > text.Length)
            {
                return false;
            }

            for (; (blocks + 1) * TextHash.BlockLength <= length; blocks++)
            {
                state = TextHash.AsciiRoundAt(state, text, blocks);
            }

            if (_filter.MayContain(KeyFilter.Finish(TextHash.AsciiFinal(state, text[(blocks * TextHash.BlockLength)..length], length), AnchorKind.Prefix)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><see cref="LookupSuffixes"/>' hashes on ASCII bytes, asked of the filter alone.</summary>
    private bool AnySuffix(ReadOnlySpan<byte> text)
    {
        var state = TextHash.Seed;
        var blocks = 0;
        foreach (var length in _suffixLengthArray)
        {
            if (length > text.Length)
            {
                return false;
            }

            for (; (blocks + 1) * TextHash.BlockLength <= length; blocks++)
            {
                state = TextHash.AsciiRoundFromEnd(state, text, blocks);
            }

            var suffix = text[^length..];
            if (_filter.MayContain(KeyFilter.Finish(TextHash.AsciiFinal(state, suffix[..(length - (blocks * TextHash.BlockLength))], length), AnchorKind.Suffix)))
            {
                return true;
            }
        }

        return false;
    }

    private void LookupText(ReadOnlySpan<char> text, CandidateSet candidates)
    {
        if (_prefixLengthArray.Length > 0)
        {
            LookupPrefixes(text, candidates);
        }

        if (_suffixLengthArray.Length > 0)
        {
            LookupSuffixes(text, candidates);
        }

        if (_contains.Count > 0)
        {
            _contains.Lookup(text, candidates);
        }
    }

    /// <summary>One pass from the start hashes every prefix length in use (ascending), one round per block of eight and per length.</summary>
    private void LookupPrefixes(ReadOnlySpan<char> text, CandidateSet candidates)
    {
        var prefixes = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
        var state = TextHash.Seed;
        var blocks = 0;
        foreach (var length in _prefixLengthArray)
        {
            if (length > text.Length)
            {
                return;
            }

            for (; (blocks + 1) * TextHash.BlockLength <= length; blocks++)
            {
                state = TextHash.RoundAt(state, text, blocks);
            }

            var hash = TextHash.Final(state, text[(blocks * TextHash.BlockLength)..length], length);
            if (_filter.MayContain(KeyFilter.Finish(hash, AnchorKind.Prefix)) && prefixes.TryGetValue(text[..length], out var hit))
            {
                candidates.AddRange(hit);
            }
        }
    }

    /// <summary>One pass from the end hashes every suffix length in use (ascending).</summary>
    private void LookupSuffixes(ReadOnlySpan<char> text, CandidateSet candidates)
    {
        var suffixes = _suffix.GetAlternateLookup<ReadOnlySpan<char>>();
        var state = TextHash.Seed;
        var blocks = 0;
        foreach (var length in _suffixLengthArray)
        {
            if (length > text.Length)
            {
                return;
            }

            for (; (blocks + 1) * TextHash.BlockLength <= length; blocks++)
            {
                state = TextHash.RoundFromEnd(state, text, blocks);
            }

            var suffix = text[^length..];
            var hash = TextHash.Final(state, suffix[..(length - (blocks * TextHash.BlockLength))], length);
            if (_filter.MayContain(KeyFilter.Finish(hash, AnchorKind.Suffix)) && suffixes.TryGetValue(suffix, out var hit))
            {
                candidates.AddRange(hit);
            }
        }
    }

    /// <summary>Counts a use of a length; the arrays that lookups loop over change only when a length appears or goes.</summary>
    private void Use<TKey>(SortedDictionary<TKey, int> lengths, TKey length, int delta)
        where TKey : notnull
    {
        lengths.TryGetValue(length, out var count);
        count += delta;
        if (count > 0)
        {
            lengths[length] = count;
            if (count > 1 || delta < 0)
            {
                return;
            }
        }
        else
        {
            lengths.Remove(length);
        }

        _prefixLengthArray = [.. _prefixLengths.Keys];
        _suffixLengthArray = [.. _suffixLengths.Keys];
        _cidrLengthArray = [.. _cidrLengths.Keys];
    }

    private static ulong ExactHash(ReadOnlySpan<char> text) => KeyFilter.Finish(TextHash.Of(text), AnchorKind.Exact);

    private static ulong PrefixHash(string text) => KeyFilter.Finish(TextHash.Of(text), AnchorKind.Prefix);

    private static ulong SuffixHash(string text) => KeyFilter.Finish(TextHash.OfReversed(text), AnchorKind.Suffix);

    private static ulong CidrHash((bool V6, int Length, UInt128 Masked) key) =>
        KeyFilter.Finish(((ulong)key.Masked * 0x9E3779B97F4A7C15UL) ^ (ulong)(key.Masked >> 64) ^ ((ulong)key.Length << 1) ^ (key.V6 ? 1UL : 0UL), AnchorKind.Cidr);

    /// <summary><see cref="CidrHash"/> of an IPv4 block (its address masked to <paramref name="length"/> bits), without 128-bit arithmetic.</summary>
    private static ulong CidrHashV4(uint masked, int length) =>
        KeyFilter.Finish((masked * 0x9E3779B97F4A7C15UL) ^ ((ulong)length << 1), AnchorKind.Cidr);

    private List<int> Bucket<TKey>(Dictionary<TKey, List<int>> index, TKey key, ulong hash)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
            _filter.Add(hash);
        }

        return list;
    }

    private void Unbucket<TKey>(Dictionary<TKey, List<int>> index, TKey key, int bracket)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var list) && list.Remove(bracket) && list.Count == 0)
        {
            index.Remove(key);
            _filter.Stale++;
        }
    }

    /// <summary>Rebuilds the filter from the tables when they outgrew it or removals left too many stale keys (amortised O(1) per change).</summary>
    private void RebuildFilterIfNeeded()
    {
        if (!_filter.NeedsRebuild)
        {
            return;
        }

        _filter.Reset(2 * (_exact.Count + _prefix.Count + _suffix.Count + _cidr.Count));
        foreach (var key in _exact.Keys)
        {
            _filter.Add(ExactHash(key));
        }

        foreach (var key in _prefix.Keys)
        {
            _filter.Add(PrefixHash(key));
        }

        foreach (var key in _suffix.Keys)
        {
            _filter.Add(SuffixHash(key));
        }

        foreach (var key in _cidr.Keys)
        {
            _filter.Add(CidrHash(key));
        }
    }
}
