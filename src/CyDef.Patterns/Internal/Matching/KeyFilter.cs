using System.Numerics;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>
/// A blocked Bloom filter over 64-bit key hashes: three bits in one 512-bit block (one or two cache lines), about
/// 16 bits per key, so that it stays in the core's caches while the hash tables behind it do not. Almost every
/// value an Observation carries names no pattern; the filter answers those without touching the tables. Keys
/// cannot be taken out: the owner rebuilds it from its tables when removals have left too many stale bits or the
/// keys outgrow it.
/// </summary>
internal sealed class KeyFilter
{
    private const int BitsPerKey = 16;
    private const int BlockWords = 8;

    private ulong[] _bits = new ulong[BlockWords];
    private ulong _blocks = 1;

    /// <summary>Keys added since the last reset.</summary>
    public int Keys { get; private set; }

    /// <summary>Keys taken out of the owner's tables since the last reset (their bits remain).</summary>
    public int Stale { get; set; }

    /// <summary>How many keys the filter was sized for.</summary>
    public int Capacity { get; private set; }

    /// <summary>Whether the owner should rebuild: too many keys for the size, or too many stale ones.</summary>
    public bool NeedsRebuild => Keys > Capacity || Stale > 64 + (Keys / 2);

    /// <summary>Clears the filter, sized for <paramref name="keys"/> keys.</summary>
    public void Reset(int keys)
    {
        var blocks = Math.Max(1, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, keys * BitsPerKey / (BlockWords * 64))));
        _bits = new ulong[blocks * BlockWords];
        _blocks = (ulong)blocks;
        Capacity = blocks * BlockWords * 64 / BitsPerKey;
        Keys = 0;
        Stale = 0;
    }

    public void Add(ulong hash)
    {
        var block = Block(hash);
        _bits[block + (int)((hash >> 6) & 7)] |= 1UL << (int)(hash & 63);
        _bits[block + (int)((hash >> 15) & 7)] |= 1UL << (int)((hash >> 9) & 63);
        _bits[block + (int)((hash >> 24) & 7)] |= 1UL << (int)((hash >> 18) & 63);
        Keys++;
    }

    public bool MayContain(ulong hash)
    {
        var bits = _bits;
        var block = Block(hash);
        return (bits[block + (int)((hash >> 6) & 7)] & (1UL << (int)(hash & 63))) != 0
            && (bits[block + (int)((hash >> 15) & 7)] & (1UL << (int)((hash >> 9) & 63))) != 0
            && (bits[block + (int)((hash >> 24) & 7)] & (1UL << (int)((hash >> 18) & 63))) != 0;
    }

    private int Block(ulong hash) => (int)(((hash >> 32) * _blocks) >> 32) * BlockWords;

    /// <summary>Mixes a raw hash with what kind of key it is (murmur3's finaliser), so that all 64 bits depend on it.</summary>
    public static ulong Finish(ulong hash, AnchorKind kind)
    {
        hash ^= (ulong)(kind + 1) * 0x9E3779B97F4A7C15UL;
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }
}
