using CyDef.Patterns.Internal.Evaluation;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>
/// The index of one object path (e.g. <c>ipv4-addr:value</c>, <c>network-traffic:dst_ref.value</c>): the brackets
/// anchored on it, by exact value, by CIDR block (one hash per prefix length in use), by LIKE prefix and suffix,
/// and required literals by substring (<see cref="LiteralIndex"/>). Work per value depends on the lengths and prefix
/// lengths in use and on the brackets found, not on how many brackets the slot holds.
/// </summary>
internal sealed class PathSlot(PathComponent[] path)
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

    public PathComponent[] Path { get; } = path;

    public int Count { get; private set; }

    public void Add(Anchor anchor, int bracket)
    {
        Count++;
        switch (anchor.Kind)
        {
            case AnchorKind.Exact:
                Bucket(_exact, anchor.Text).Add(bracket);
                break;
            case AnchorKind.Prefix:
                Bucket(_prefix, anchor.Text).Add(bracket);
                Use(_prefixLengths, anchor.Text.Length, +1);
                break;
            case AnchorKind.Suffix:
                Bucket(_suffix, anchor.Text).Add(bracket);
                Use(_suffixLengths, anchor.Text.Length, +1);
                break;
            case AnchorKind.Cidr:
                Bucket(_cidr, (anchor.Network.IsV6, anchor.Network.PrefixLength, anchor.Network.Masked)).Add(bracket);
                Use(_cidrLengths, (anchor.Network.IsV6, anchor.Network.PrefixLength), +1);
                break;
            default:
                _contains.Add(anchor.Text, bracket);
                break;
        }
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

    private void Lookup(string value, CandidateSet candidates)
    {
        if (_exact.TryGetValue(value, out var exact))
        {
            candidates.AddRange(exact);
        }

        if (_cidrLengthArray.Length > 0 && IpNetwork.TryParse(value, out var network))
        {
            foreach (var (v6, length) in _cidrLengthArray)
            {
                if (v6 == network.IsV6 && length <= network.PrefixLength
                    && _cidr.TryGetValue((v6, length, (network with { PrefixLength = length }).Masked), out var hit))
                {
                    candidates.AddRange(hit);
                }
            }
        }

        if (_prefixLengthArray.Length + _suffixLengthArray.Length + _contains.Count > 0)
        {
            LookupText(Like.TryNfc(value), candidates);
        }
    }

    private void LookupText(string text, CandidateSet candidates)
    {
        var prefixes = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var length in _prefixLengthArray)
        {
            if (length <= text.Length && prefixes.TryGetValue(text.AsSpan(0, length), out var hit))
            {
                candidates.AddRange(hit);
            }
        }

        var suffixes = _suffix.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var length in _suffixLengthArray)
        {
            if (length <= text.Length && suffixes.TryGetValue(text.AsSpan(text.Length - length), out var hit))
            {
                candidates.AddRange(hit);
            }
        }

        if (_contains.Count > 0)
        {
            _contains.Lookup(text, candidates);
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

    private static List<int> Bucket<TKey>(Dictionary<TKey, List<int>> index, TKey key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        return list;
    }

    private static void Unbucket<TKey>(Dictionary<TKey, List<int>> index, TKey key, int bracket)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var list) && list.Remove(bracket) && list.Count == 0)
        {
            index.Remove(key);
        }
    }
}
