using CyDef.Storage;

namespace CyDef.Server.Federation;

/// <summary>
/// Reads of the change feed's newest versions shared by the change streams: when a version is accepted every open
/// stream wakes and reads the feed after the same cursor, so the first stream's read is handed to the others instead
/// of each asking the store again — one read per change for any number of peers. A page read once stays true (a
/// sequence number names one version for good); a page that ended before versions committed later is followed by
/// a fresh read after its last version, as any page is.
/// </summary>
internal sealed class FeedTail(IObjectStore store, TimeProvider clock)
{
    /// <summary>How many distinct reads are remembered.</summary>
    public const int Remembered = 8;

    /// <summary>How long a read is handed out after it was made.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Entry?[] _entries = new Entry?[Remembered];
    private long _reads;

    /// <summary>How many reads reached the store (the rest were shared).</summary>
    public long StoreReads => Interlocked.Read(ref _reads);

    /// <summary>The versions after <paramref name="after"/>, at most <paramref name="limit"/>, as <see cref="IObjectStore.ReadChangesAsync"/> gives them.</summary>
    /// <param name="after">A sequence number of the feed.</param>
    /// <param name="limit">The most versions to return.</param>
    /// <param name="cancellationToken">Stops waiting for the read (a shared read goes on for the others).</param>
    public Task<ObjectPage> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Task<ObjectPage> read;
        lock (_lock)
        {
            var oldest = 0;
            for (var i = 0; i < _entries.Length; i++)
            {
                if (_entries[i] is { } entry && entry.After == after && entry.Limit == limit && now - entry.Made < Lifetime
                    && !entry.Read.IsFaulted && !entry.Read.IsCanceled)
                {
                    return entry.Read.WaitAsync(cancellationToken);
                }

                if (_entries[i] is null || (_entries[oldest] is { } older && _entries[i]!.Made < older.Made))
                {
                    oldest = i;
                }
            }

            // The read is not tied to the first caller's token: the others may still want it.
            read = store.ReadChangesAsync(after, limit, CancellationToken.None);
            _entries[oldest] = new Entry(after, limit, now, read);
            Interlocked.Increment(ref _reads);
        }

        return read.WaitAsync(cancellationToken);
    }

    private sealed record Entry(long After, int Limit, DateTimeOffset Made, Task<ObjectPage> Read);
}
