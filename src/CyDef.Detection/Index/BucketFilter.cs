namespace CyDef.Detection.Index;

/// <summary>
/// A blocked Bloom filter over the <see cref="ExactTable"/>'s 32-bit value hashes: three bits in one 64-byte block,
/// 16 bits per key it is sized for (the table sizes it for half as many keys again as it holds: about 3 bytes per
/// indicator value, and a value never added passes about once in five hundred, as ExactTableTests measures). At a
/// million values it is a few megabytes that stay in the caches, where the table's buckets do not: almost every value
/// of an event names no indicator, and the filter answers it without a cache miss. Keys cannot be taken out: the table
/// rebuilds the filter when removals have left too many stale bits or the keys outgrow it. The bit array is pinned and
/// each block starts on a 64-byte boundary, so that a lookup touches one cache line, not two.
/// </summary>
internal sealed class BucketFilter
{
    private const int BitsPerKey = 16;
    private const int BlockWords = 8;

    private const int LineBytes = 64;

    private ulong[] _bits = GC.AllocateArray<ulong>(BlockWords, pinned: true);
    private int _origin; // the word where block 0 starts, on a cache-line boundary
    private ulong _blocks = 1;

    /// <summary>Keys added since the last reset.</summary>
    public int Keys { get; private set; }

    /// <summary>Keys taken out of the table since the last reset (their bits remain).</summary>
    public int Stale { get; set; }

    /// <summary>How many keys the filter was sized for.</summary>
    public int Capacity { get; private set; }

    /// <summary>Whether the table should rebuild the filter: too many keys for its size, or too many stale ones.</summary>
    public bool NeedsRebuild => Keys > Capacity || Stale > 1024 + (Keys / 2);

    /// <summary>Bytes of the bit array.</summary>
    public long Bytes => _bits.Length * 8L;

    /// <summary>Clears the filter, sized for <paramref name="keys"/> keys.</summary>
    public void Reset(int keys)
    {
        var blocks = Math.Max(1, (int)(((long)keys * BitsPerKey) + (BlockWords * 64) - 1) / (BlockWords * 64));
        // Pinned (it never moves), one block longer, so that the blocks can start on a cache line whatever the array's address.
        _bits = GC.AllocateArray<ulong>((blocks + 1) * BlockWords, pinned: true);
        var address = (long)System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(_bits, 0);
        _origin = (int)((LineBytes - (address & (LineBytes - 1))) & (LineBytes - 1)) / sizeof(ulong);
        _blocks = (ulong)blocks;
        Capacity = blocks * BlockWords * 64 / BitsPerKey;
        Keys = 0;
        Stale = 0;
    }

    public void Add(uint hash)
    {
        var x = Mix(hash);
        var block = Block(x);
        _bits[block + (int)((x >> 6) & 7)] |= 1UL << (int)(x & 63);
        _bits[block + (int)((x >> 15) & 7)] |= 1UL << (int)((x >> 9) & 63);
        _bits[block + (int)((x >> 24) & 7)] |= 1UL << (int)((x >> 18) & 63);
        Keys++;
    }

    public bool MayContain(uint hash)
    {
        var x = Mix(hash);
        var bits = _bits;
        var block = Block(x);
        return (bits[block + (int)((x >> 6) & 7)] & (1UL << (int)(x & 63))) != 0
            && (bits[block + (int)((x >> 15) & 7)] & (1UL << (int)((x >> 9) & 63))) != 0
            && (bits[block + (int)((x >> 24) & 7)] & (1UL << (int)((x >> 18) & 63))) != 0;
    }

    /// <summary>
    /// Asks the core to bring the key's block into the cache, without waiting for it: a caller that knows its keys ahead
    /// of <see cref="MayContain"/> (a batch of events' values) has the misses served while it works on.
    /// </summary>
    public unsafe void Prefetch(uint hash)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            // The array is pinned: its address holds. A prefetch never faults, and changes nothing but the caches.
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref _bits[Block(Mix(hash))]));
        }
    }

    /// <summary>The block's first word: the top 32 bits scaled onto the block count (no power of two needed).</summary>
    private int Block(ulong x) => _origin + ((int)(((x >> 32) * _blocks) >> 32) * BlockWords);

    /// <summary>Spreads the 32-bit hash over 64 bits (murmur3's finaliser), so that the block and the bits are independent of the bucket index.</summary>
    private static ulong Mix(uint hash)
    {
        var x = hash * 0x9E3779B97F4A7C15UL;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        return x ^ (x >> 33);
    }
}
