namespace CyDef.Patterns.Internal.Matching;

/// <summary>
/// Brackets keyed by a literal that the value must contain (MATCHES and inner LIKE literals), found without scanning
/// every literal: each literal is filed under one of its substrings of <see cref="GramLength"/> characters (all of
/// it when shorter), the one with the fewest literals filed under it so far, packed into a 64-bit key. A value is
/// looked up by sliding over its own substrings of the lengths in use: the work per value is its length times
/// those few lengths, plus the literals filed under its substrings — not the number of literals held.
/// </summary>
internal sealed class LiteralIndex
{
    /// <summary>Four UTF-16 code units fill a 64-bit key.</summary>
    public const int GramLength = 4;

    private readonly Dictionary<ulong, List<(string Literal, int Bracket)>>?[] _byLength = new Dictionary<ulong, List<(string, int)>>?[GramLength + 1];
    private readonly Dictionary<(string Literal, int Bracket), (ulong Gram, int Count)> _filed = [];
    private readonly int[] _countByLength = new int[GramLength + 1];
    private readonly KeyFilter _filter = new();

    public int Count => _filed.Count;

    public void Add(string literal, int bracket)
    {
        if (_filed.TryGetValue((literal, bracket), out var filed))
        {
            _filed[(literal, bracket)] = (filed.Gram, filed.Count + 1);
            return;
        }

        var length = Math.Min(literal.Length, GramLength);
        var grams = _byLength[length] ??= [];
        ulong best = 0;
        var bestCount = int.MaxValue;
        for (var i = 0; i + length <= literal.Length && bestCount > 0; i++)
        {
            var gram = Pack(literal.AsSpan(i, length));
            var count = grams.TryGetValue(gram, out var list) ? list.Count : 0;
            if (count < bestCount)
            {
                (best, bestCount) = (gram, count);
            }
        }

        if (!grams.TryGetValue(best, out var bucket))
        {
            grams[best] = bucket = [];
            _filter.Add(Hash(best, length));
        }

        bucket.Add((literal, bracket));
        _filed[(literal, bracket)] = (best, 1);
        _countByLength[length]++;
        RebuildFilterIfNeeded();
    }

    public void Remove(string literal, int bracket)
    {
        if (!_filed.TryGetValue((literal, bracket), out var filed))
        {
            return;
        }

        if (filed.Count > 1)
        {
            _filed[(literal, bracket)] = (filed.Gram, filed.Count - 1);
            return;
        }

        _filed.Remove((literal, bracket));
        var length = Math.Min(literal.Length, GramLength);
        var grams = _byLength[length]!;
        var bucket = grams[filed.Gram];
        bucket.Remove((literal, bracket));
        if (bucket.Count == 0)
        {
            grams.Remove(filed.Gram);
            _filter.Stale++;
        }

        _countByLength[length]--;
        RebuildFilterIfNeeded();
    }

    /// <summary>Adds the brackets whose literal <paramref name="text"/> contains.</summary>
    public void Lookup(ReadOnlySpan<char> text, CandidateSet candidates)
    {
        for (var length = 1; length <= GramLength; length++)
        {
            if (_countByLength[length] == 0 || text.Length < length)
            {
                continue;
            }

            var grams = _byLength[length]!;
            // The first length - 1 code units one place up, so that the first slide brings them into position.
            var key = Pack(text[..(length - 1)]) << 16;
            var shift = 16 * (length - 1);
            for (var i = length - 1; i < text.Length; i++)
            {
                // Slide: drop the oldest code unit (lowest bits), add the newest at the top of the window.
                key = (key >> 16) | ((ulong)text[i] << shift);
                if (_filter.MayContain(Hash(key, length)) && grams.TryGetValue(key, out var bucket))
                {
                    foreach (var (literal, bracket) in bucket)
                    {
                        if (text.Contains(literal.AsSpan(), StringComparison.Ordinal))
                        {
                            candidates.Add(bracket);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether <see cref="Lookup"/> may find a literal in ASCII text given as UTF-8 (false is certain): the same
    /// slide over the bytes, whose keys equal those of the UTF-16 form, asked of the filter alone.
    /// </summary>
    public bool MayContainAny(ReadOnlySpan<byte> ascii)
    {
        for (var length = 1; length <= GramLength; length++)
        {
            if (_countByLength[length] == 0 || ascii.Length < length)
            {
                continue;
            }

            ulong key = 0;
            for (var i = 0; i < length - 1; i++)
            {
                key |= (ulong)ascii[i] << (16 * (i + 1));
            }

            var shift = 16 * (length - 1);
            for (var i = length - 1; i < ascii.Length; i++)
            {
                key = (key >> 16) | ((ulong)ascii[i] << shift);
                if (_filter.MayContain(Hash(key, length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ulong Hash(ulong gram, int length) => KeyFilter.Finish(gram + (ulong)length, AnchorKind.Contains);

    private void RebuildFilterIfNeeded()
    {
        if (!_filter.NeedsRebuild)
        {
            return;
        }

        _filter.Reset(2 * _byLength.Sum(grams => grams?.Count ?? 0));
        for (var length = 1; length <= GramLength; length++)
        {
            foreach (var gram in _byLength[length]?.Keys ?? Enumerable.Empty<ulong>())
            {
                _filter.Add(Hash(gram, length));
            }
        }
    }

    /// <summary>Up to four code units, the first in the lowest 16 bits.</summary>
    private static ulong Pack(ReadOnlySpan<char> text)
    {
        ulong key = 0;
        for (var i = 0; i < text.Length; i++)
        {
            key |= (ulong)text[i] << (16 * i);
        }

        return key;
    }
}
