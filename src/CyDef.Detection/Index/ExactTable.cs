using System.Numerics;

namespace CyDef.Detection.Index;

/// <summary>
/// Exact values (path id + UTF-8 bytes) → indicator slots, in flat arrays: an open-addressing table of entry numbers
/// (linear probing, load at most one half), per entry its hash, path, indicator and the next entry of the same
/// indicator, and the values' bytes in one arena (a length byte pair then the bytes). About 17 bytes per entry
/// plus 8–16 of table and the value itself; no object per entry. Not thread-safe: <see cref="IndicatorIndex"/> locks.
/// </summary>
internal sealed class ExactTable
{
    private const int Empty = 0, Deleted = -1;

    private int[] _buckets = new int[16];
    private int _used; // live + deleted buckets
    private uint[] _hash = new uint[16];
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

    public int Count { get; private set; }

    /// <summary>Whether any entry is on the path (lookups on other paths are skipped).</summary>
    public bool Uses(byte path) => _perPath[path] > 0;

    /// <summary>Bytes held by the arrays (for the memory figure).</summary>
    public long Bytes => (_buckets.Length * 4L) + (_hash.Length * 17L) + _arena.Length;

    /// <summary>Adds an entry; returns its number, to chain the indicator's entries through <see cref="Next"/>.</summary>
    public int Add(byte path, ReadOnlySpan<byte> value, int indicator, int next)
    {
        if ((_used + 1) * 2 > _buckets.Length)
        {
            Rehash(Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)(((Count + 1) * 2) + 1))));
        }

        var entry = NewEntry();
        var hash = ValueHash.Of(path, value);
        _hash[entry] = hash;
        _path[entry] = path;
        _indicator[entry] = indicator;
        _next[entry] = next;
        _offset[entry] = Store(value);
        _perPath[path]++;
        Place(entry, hash);
        _used++;
        Count++;
        return entry;
    }

    public int Next(int entry) => _next[entry];

    /// <summary>Removes an entry (its bytes become garbage until the arena is compacted).</summary>
    public void Remove(int entry)
    {
        var mask = _buckets.Length - 1;
        for (var i = (int)(_hash[entry] & mask); _buckets[i] != Empty; i = (i + 1) & mask)
        {
            if (_buckets[i] == entry + 1)
            {
                _buckets[i] = Deleted;
                break;
            }
        }

        _garbage += ValueAt(entry).Length + 2;
        _perPath[_path[entry]]--;
        _indicator[entry] = -1;
        _next[entry] = _freeEntry;
        _freeEntry = entry;
        Count--;
        if (_garbage > 1 << 20 && _garbage * 2 > _arenaUsed)
        {
            Compact();
        }
    }

    /// <summary>Adds to <paramref name="into"/> the indicator of every entry with this path and value.</summary>
    public void Lookup(byte path, ReadOnlySpan<byte> value, List<int> into)
    {
        var hash = ValueHash.Of(path, value);
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        for (var i = (int)(hash & mask); ; i = (i + 1) & mask)
        {
            var slot = buckets[i];
            if (slot == Empty)
            {
                return;
            }

            var entry = slot - 1;
            if (slot > 0 && _hash[entry] == hash && _path[entry] == path && ValueAt(entry).SequenceEqual(value))
            {
                into.Add(_indicator[entry]);
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

    private int NewEntry()
    {
        if (_freeEntry >= 0)
        {
            var free = _freeEntry;
            _freeEntry = _next[free];
            return free;
        }

        if (_entries == _hash.Length)
        {
            var size = _hash.Length * 2;
            Array.Resize(ref _hash, size);
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

    private void Place(int entry, uint hash)
    {
        var mask = _buckets.Length - 1;
        var i = (int)(hash & mask);
        while (_buckets[i] > 0)
        {
            i = (i + 1) & mask;
        }

        if (_buckets[i] == Deleted)
        {
            _used--;
        }

        _buckets[i] = entry + 1;
    }

    private void Rehash(int size)
    {
        _buckets = new int[size];
        _used = 0;
        for (var entry = 0; entry < _entries; entry++)
        {
            if (_indicator[entry] >= 0)
            {
                Place(entry, _hash[entry]);
                _used++;
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
