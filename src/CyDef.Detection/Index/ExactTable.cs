using System.Numerics;

namespace CyDef.Detection.Index;

/// <summary>
/// Exact values (path id + UTF-8 bytes) → indicator slots, in flat arrays: an open-addressing table (linear probing,
/// load at most one half) whose buckets each hold a value's 32-bit hash beside its entry number, so that a lookup
/// touches the entries only when the hashes agree; per entry its path, indicator and the next entry of the same
/// indicator, and the values' bytes in one arena (a length byte pair then the bytes); and a <see cref="BucketFilter"/>
/// in front of the buckets over the values' own hashes (whatever their path: a value asked on two paths costs one
/// filter lookup). About 13 bytes per entry plus 8–16 of buckets, 2–3 of filter and the
/// value itself; no object per entry. Lookups come in steps so that a caller with several values asks the filter
/// about all of them before it reads any bucket (<see cref="MayContain"/>, then
/// <see cref="Lookup(byte, ReadOnlySpan{byte}, uint, List{int})"/>): the cache misses of one event overlap. Not
/// thread-safe: <see cref="IndicatorIndex"/> locks.
/// </summary>
internal sealed class ExactTable
{
    // A bucket: the hash in the high 32 bits, the entry number + 1 in the low 32; 0 is empty.
    private const ulong Empty = 0;
    private const uint Deleted = uint.MaxValue;

    private ulong[] _buckets = new ulong[16];
    private int _used; // live + deleted buckets
    private int[] _offset = new int[16];
    private byte[] _path = new byte[16];
    private int[] _indicator = new int[16];
    private int[] _next = new int[16];
    private int _entries;
    private int _freeEntry = -1;
    private byte[] _arena = new byte[1024];
    private int _arenaUsed;
    private long _garbage;

    private readonly int[] _perPath = new int[256];
    private readonly BucketFilter _filter = new();

    public int Count { get; private set; }

    /// <summary>Whether any entry is on the path (lookups on other paths are skipped).</summary>
    public bool Uses(byte path) => _perPath[path] > 0;

    /// <summary>Bytes held by the arrays (for the memory figure).</summary>
    public long Bytes => (_buckets.Length * 8L) + (_offset.Length * 13L) + _arena.Length + _filter.Bytes;

    /// <summary>Adds an entry; returns its number, to chain the indicator's entries through <see cref="Next"/>.</summary>
    public int Add(byte path, ReadOnlySpan<byte> value, int indicator, int next)
    {
        if ((_used + 1) * 2 > _buckets.Length)
        {
            Rehash(Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)(((Count + 1) * 2) + 1))));
        }

        var entry = NewEntry();
        _path[entry] = path;
        _indicator[entry] = indicator;
        _next[entry] = next;
        _offset[entry] = Store(value);
        _perPath[path]++;
        var hash = ValueHash.Of(value);
        if (Place(Bucket(ValueHash.OnPath(hash, path), entry)))
        {
            _used++;
        }

        Count++;
        _filter.Add(hash);
        RebuildFilterIfNeeded();
        return entry;
    }

    public int Next(int entry) => _next[entry];

    /// <summary>Removes an entry (its bytes become garbage until the arena is compacted).</summary>
    public void Remove(int entry)
    {
        var bucket = Bucket(ValueHash.Of(_path[entry], ValueAt(entry)), entry);
        var mask = _buckets.Length - 1;
        for (var i = (int)((uint)(bucket >> 32) & mask); _buckets[i] != Empty; i = (i + 1) & mask)
        {
            if (_buckets[i] == bucket)
            {
                _buckets[i] = (bucket & 0xFFFF_FFFF_0000_0000UL) | Deleted;
                break;
            }
        }

        _garbage += ValueAt(entry).Length + 2;
        _perPath[_path[entry]]--;
        _indicator[entry] = -1;
        _next[entry] = _freeEntry;
        _freeEntry = entry;
        Count--;
        _filter.Stale++;
        RebuildFilterIfNeeded();
        if (_garbage > 1 << 20 && _garbage * 2 > _arenaUsed)
        {
            Compact();
        }
    }

    /// <summary>Adds to <paramref name="into"/> the indicator of every entry with this path and value.</summary>
    public void Lookup(byte path, ReadOnlySpan<byte> value, List<int> into)
    {
        var hash = ValueHash.Of(value);
        if (MayContain(hash))
        {
            Lookup(path, value, ValueHash.OnPath(hash, path), into);
        }
    }

    /// <summary>Whether an entry on any path may have a value with this <see cref="ValueHash.Of(ReadOnlySpan{byte})"/> (false is certain).</summary>
    public bool MayContain(uint valueHash) => _filter.MayContain(valueHash);

    /// <summary>Brings the filter's block for a value's hash into the cache ahead of <see cref="MayContain"/>.</summary>
    public void Prefetch(uint valueHash) => _filter.Prefetch(valueHash);

    /// <summary>Adds to <paramref name="into"/> the indicator of every entry with this path and value, given the value's <see cref="ValueHash.OnPath"/>.</summary>
    public void Lookup(byte path, ReadOnlySpan<byte> value, uint hash, List<int> into)
    {
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        for (var i = (int)(hash & mask); buckets[i] != Empty; i = (i + 1) & mask)
        {
            var bucket = buckets[i];
            var slot = (uint)bucket;
            if ((uint)(bucket >> 32) == hash && slot != Deleted)
            {
                var entry = (int)slot - 1;
                if (_path[entry] == path && ValueAt(entry).SequenceEqual(value))
                {
                    into.Add(_indicator[entry]);
                }
            }
        }
    }

    public ReadOnlySpan<byte> ValueAt(int entry)
    {
        var offset = _offset[entry];
        var length = _arena[offset] | (_arena[offset + 1] << 8);
        return _arena.AsSpan(offset + 2, length);
    }

    public byte PathAt(int entry) => _path[entry];

    private static ulong Bucket(uint hash, int entry) => ((ulong)hash << 32) | (uint)(entry + 1);

    private int NewEntry()
    {
        if (_freeEntry >= 0)
        {
            var free = _freeEntry;
            _freeEntry = _next[free];
            return free;
        }

        if (_entries == _offset.Length)
        {
            var size = _offset.Length * 2;
            Array.Resize(ref _offset, size);
            Array.Resize(ref _path, size);
            Array.Resize(ref _indicator, size);
            Array.Resize(ref _next, size);
        }

        return _entries++;
    }

    private int Store(ReadOnlySpan<byte> value)
    {
        if (_arenaUsed + value.Length + 2 > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + value.Length + 2));
        }

        var offset = _arenaUsed;
        _arena[offset] = (byte)value.Length;
        _arena[offset + 1] = (byte)(value.Length >> 8);
        value.CopyTo(_arena.AsSpan(offset + 2));
        _arenaUsed += value.Length + 2;
        return offset;
    }

    /// <summary>Puts a bucket in the first free or deleted place of its run; true when it took a free one.</summary>
    private bool Place(ulong bucket)
    {
        var mask = _buckets.Length - 1;
        var i = (int)((uint)(bucket >> 32) & mask);
        while (_buckets[i] != Empty && (uint)_buckets[i] != Deleted)
        {
            i = (i + 1) & mask;
        }

        var free = _buckets[i] == Empty;
        _buckets[i] = bucket;
        return free;
    }

    /// <summary>Moves the live buckets into a table of <paramref name="size"/>, dropping the deleted ones.</summary>
    private void Rehash(int size)
    {
        var old = _buckets;
        _buckets = new ulong[size];
        _used = 0;
        foreach (var bucket in old)
        {
            if (bucket != Empty && (uint)bucket != Deleted)
            {
                Place(bucket);
                _used++;
            }
        }
    }

    /// <summary>Refills the filter from the live entries' values, sized for half as many keys again (amortised O(1) per change).</summary>
    private void RebuildFilterIfNeeded()
    {
        if (!_filter.NeedsRebuild)
        {
            return;
        }

        _filter.Reset(Math.Max(1024, Count + (Count / 2)));
        for (var entry = 0; entry < _entries; entry++)
        {
            if (_indicator[entry] >= 0)
            {
                _filter.Add(ValueHash.Of(ValueAt(entry)));
            }
        }
    }

    /// <summary>Copies the live values into a new arena, dropping the bytes of removed ones.</summary>
    private void Compact()
    {
        var old = _arena;
        _arena = new byte[Math.Max(1024, _arenaUsed - (int)_garbage)];
        _arenaUsed = 0;
        for (var entry = 0; entry < _entries; entry++)
        {
            if (_indicator[entry] >= 0)
            {
                var offset = _offset[entry];
                _offset[entry] = Store(old.AsSpan(offset + 2, old[offset] | (old[offset + 1] << 8)));
            }
        }

        _garbage = 0;
    }
}
