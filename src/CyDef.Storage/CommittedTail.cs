namespace CyDef.Storage;

/// <summary>
/// The newest batches a store object committed (<see cref="IObjectStore.Committed"/>), kept for one follower of the
/// change feed in this process: the follower takes the versions after its position from here when a batch it holds
/// begins at or before that position, and reads the store otherwise (after a start, when it fell more than the tail
/// behind, or for versions another process wrote). Bounded: at most <see cref="MaxBatches"/> batches and
/// <see cref="MaxBytes"/> of content (always the newest batch), the oldest let go first. Thread-safe.
/// </summary>
public sealed class CommittedTail : IDisposable
{
    /// <summary>The most batches kept.</summary>
    public const int MaxBatches = 4;

    /// <summary>The most bytes of content kept, unless the newest batch alone is larger.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly IObjectStore _store;
    private readonly Lock _lock = new();
    private readonly Queue<CommittedVersions> _batches = new();
    private long _bytes;

    /// <summary>Starts keeping the batches <paramref name="store"/> commits from now on.</summary>
    /// <param name="store">The store object the node writes through.</param>
    public CommittedTail(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _store.Committed += Add;
    }

    /// <summary>How many versions were taken from the tail rather than read (for tests and figures).</summary>
    public long Taken { get; private set; }

    /// <summary>
    /// The versions right after <paramref name="after"/> that the tail holds: the rest of the oldest batch held that
    /// covers <c>after + 1</c>. False when no batch does: read the store.
    /// </summary>
    /// <param name="after">The follower's position in the change feed.</param>
    /// <param name="versions">The versions, in sequence order, the first one <c>after + 1</c>.</param>
    public bool TryRead(long after, out IReadOnlyList<StoredObject> versions)
    {
        lock (_lock)
        {
            while (_batches.TryPeek(out var oldest) && oldest.Last <= after)
            {
                Drop();
            }

            if (!_batches.TryPeek(out var next) || next.After > after)
            {
                versions = [];
                return false;
            }

            versions = next.After == after ? next.Versions : next.Versions.Where(v => v.Sequence > after).ToList();
            Taken += versions.Count;
            return versions.Count > 0;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _store.Committed -= Add;

    private void Add(CommittedVersions batch)
    {
        lock (_lock)
        {
            _batches.Enqueue(batch);
            _bytes += batch.Bytes;
            while (_batches.Count > 1 && (_batches.Count > MaxBatches || _bytes > MaxBytes))
            {
                Drop();
            }
        }
    }

    private void Drop() => _bytes -= _batches.Dequeue().Bytes;
}
