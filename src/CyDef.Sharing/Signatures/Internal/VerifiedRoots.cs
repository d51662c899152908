namespace CyDef.Sharing.Signatures.Internal;

/// <summary>
/// The batch roots whose signatures a verifier has found valid, so that the objects of a batch cost one Ed25519 and
/// one ML-DSA-65 verification together. An entry is the SHA-256 of the signed root message (key id, signing time,
/// tree size, root) and both signatures, so only exactly what was verified hits. Bounded: the least recently used
/// entry goes first. Thread-safe.
/// </summary>
internal sealed class VerifiedRoots(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UInt128Pair, LinkedListNode<UInt128Pair>> _entries = [];
    private readonly LinkedList<UInt128Pair> _order = new();

    /// <summary>How many roots are held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Whether the entry is held (and then the most recently used).</summary>
    public bool Contains(ReadOnlySpan<byte> entry)
    {
        var key = UInt128Pair.Of(entry);
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return false;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return true;
        }
    }

    /// <summary>Holds the entry, forgetting the least recently used one when full.</summary>
    public void Add(ReadOnlySpan<byte> entry)
    {
        var key = UInt128Pair.Of(entry);
        lock (_gate)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }

            if (_entries.Count >= capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value);
            }

            _entries[key] = _order.AddFirst(key);
        }
    }

    /// <summary>A 32-byte hash as a dictionary key.</summary>
    private readonly record struct UInt128Pair(UInt128 High, UInt128 Low)
    {
        public static UInt128Pair Of(ReadOnlySpan<byte> hash) =>
            new(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(hash), System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(hash[16..]));
    }
}
