using System.Numerics;

namespace CyDef.Detection.Index;

/// <summary>Indicator UUID → slot, open addressing over an int array; the keys live in the caller's slot array.</summary>
internal sealed class GuidMap(Func<int, Guid> keyOf)
{
    private const int Empty = 0, Deleted = -1;

    private int[] _buckets = new int[16];
    private int _used;

    public int Count { get; private set; }

    public long Bytes => _buckets.Length * 4L;

    public bool TryGet(Guid id, out int slot)
    {
        var mask = _buckets.Length - 1;
        for (var i = Hash(id) & mask; _buckets[i] != Empty; i = (i + 1) & mask)
        {
            if (_buckets[i] > 0 && keyOf(_buckets[i] - 1) == id)
            {
                slot = _buckets[i] - 1;
                return true;
            }
        }

        slot = -1;
        return false;
    }

    public void Add(Guid id, int slot)
    {
        if ((_used + 1) * 2 > _buckets.Length)
        {
            Rehash(Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)(((Count + 1) * 2) + 1))));
        }

        Place(id, slot);
        _used++;
        Count++;
    }

    public void Remove(Guid id)
    {
        var mask = _buckets.Length - 1;
        for (var i = Hash(id) & mask; _buckets[i] != Empty; i = (i + 1) & mask)
        {
            if (_buckets[i] > 0 && keyOf(_buckets[i] - 1) == id)
            {
                _buckets[i] = Deleted;
                Count--;
                return;
            }
        }
    }

    private void Place(Guid id, int slot)
    {
        var mask = _buckets.Length - 1;
        var i = Hash(id) & mask;
        while (_buckets[i] > 0)
        {
            i = (i + 1) & mask;
        }

        if (_buckets[i] == Deleted)
        {
            _used--;
        }

        _buckets[i] = slot + 1;
    }

    private void Rehash(int size)
    {
        var old = _buckets;
        _buckets = new int[size];
        _used = 0;
        foreach (var bucket in old)
        {
            if (bucket > 0)
            {
                Place(keyOf(bucket - 1), bucket - 1);
                _used++;
            }
        }
    }

    private static int Hash(Guid id) => id.GetHashCode() & int.MaxValue;
}
