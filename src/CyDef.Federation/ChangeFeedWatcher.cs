using CyDef.Storage;

namespace CyDef.Federation;

/// <summary>
/// Tells waiters when the node's change feed grows: the change-notice streams, the push links and the detection's
/// indicator follower wait here. A version ingested by the node's own store — TAXII, the web UI, federation, sensors —
/// wakes them at once (<see cref="IObjectStore.FeedAppended"/>); one written by another process (<c>cydef import</c> on
/// the running node's data folder) within <see cref="Interval"/>, the period at which the store's last sequence number
/// is read (one indexed read) while anyone waits. <see cref="Poke"/> asks for a read now. Deletions through the node's
/// store (<see cref="IObjectStore.VersionsDeleted"/>) wake those who wait for them too.
/// </summary>
public sealed class ChangeFeedWatcher : IAsyncDisposable
{
    /// <summary>How often the store is read while someone waits (for versions that other processes write).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly IObjectStore _store;
    private readonly Lock _lock = new();
    private readonly AsyncSignal _poke = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last = -1;
    private long _lastDeletion = -1;
    private int _waiters;

    /// <summary>Watches <paramref name="store"/>.</summary>
    /// <param name="store">The node's store.</param>
    public ChangeFeedWatcher(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _store.FeedAppended += Publish;
        _store.VersionsDeleted += PublishDeletion;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The last sequence number seen (-1 before the first read).</summary>
    public long Last => Volatile.Read(ref _last);

    /// <summary>The last position of the deletion log that the node's store told of (-1 before any deletion since the start).</summary>
    public long LastDeletion => Volatile.Read(ref _lastDeletion);

    /// <summary>Reads the store now (after an ingest).</summary>
    public void Poke() => _poke.Set();

    /// <summary>Waits until the feed holds a version after <paramref name="after"/>, at most <paramref name="timeout"/>; true when it does.</summary>
    /// <param name="after">A sequence number.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<bool> WaitAsync(long after, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(after, long.MaxValue, timeout, cancellationToken);

    /// <summary>
    /// Waits until the feed holds a version after <paramref name="after"/> or this node's store has deleted versions
    /// after position <paramref name="afterDeletion"/> of its deletion log, at most <paramref name="timeout"/>; true when either happened.
    /// </summary>
    /// <param name="after">A sequence number.</param>
    /// <param name="afterDeletion">A position of the deletion log (<see cref="IObjectStore.ReadDeletionsAsync"/>).</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<bool> WaitAsync(long after, long afterDeletion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        Interlocked.Increment(ref _waiters);
        _poke.Set();
        try
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (_last > after || _lastDeletion > afterDeletion)
                    {
                        return true;
                    }

                    changed = _changed.Task;
                }

                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    return false;
                }

                try
                {
                    await changed.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    return Last > after || Volatile.Read(ref _lastDeletion) > afterDeletion;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiters);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _store.FeedAppended -= Publish;
        _store.VersionsDeleted -= PublishDeletion;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (Volatile.Read(ref _waiters) == 0 && _last >= 0)
            {
                await _poke.WaitAsync(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                continue;
            }

            try
            {
                Publish(await _store.GetLastSequenceAsync(stop).ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store is closing or busy; the next round reads again.
            }

            await _poke.WaitAsync(Interval, stop).ConfigureAwait(false);
        }
    }

    private void Publish(long last) => Advance(ref _last, last);

    private void PublishDeletion(long position) => Advance(ref _lastDeletion, position);

    // Moves a position forward and wakes the waiters when it moved.
    private void Advance(ref long position, long value)
    {
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            if (value > position)
            {
                position = value;
                wake = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        wake?.TrySetResult();
    }
}
