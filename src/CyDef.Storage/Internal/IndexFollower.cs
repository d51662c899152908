using System.Threading.Channels;
using CyDef.Stix.Json;

namespace CyDef.Storage.Internal;

/// <summary>
/// Fills the derived indexes (<see cref="IIndexWriter"/>) from the change feed, off the ingest transaction and on a
/// task of its own, so that on two cores the store's writer and the index writer work at the same time.
/// </summary>
/// <remarks>
/// The ingest hands each committed batch's prepared rows over (<see cref="PostAsync"/>), so they are not read and
/// parsed again; the follower gathers up to <see cref="MaxRowsPerWrite"/> of them and <see cref="QueuedBatches"/> more
/// batches may queue, after which the ingest waits too (the index never lags by more). Whatever was not handed over — the versions committed before a crash or by another process — is read back
/// from the feed (<see cref="IObjectStore.ReadChangesAsync"/>) from the persisted cursor. Several batches are written
/// in one index transaction (up to <see cref="MaxRowsPerWrite"/> rows): the random-keyed index pages are rewritten
/// once for all of them.
/// </remarks>
internal sealed class IndexFollower : IAsyncDisposable
{
    public const int QueuedBatches = 4;
    public const int MaxRowsPerWrite = 50_000;
    private const int CatchUpPage = 5_000;
    private static readonly TimeSpan GatherPause = TimeSpan.FromMilliseconds(500);

    private readonly IObjectStore _store;
    private readonly IIndexWriter _writer;
    private readonly Channel<IReadOnlyList<PreparedObject>?> _queue = Channel.CreateBounded<IReadOnlyList<PreparedObject>?>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true });
    private readonly Lock _lock = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _cursor = -1;
    private long _target;
    private Exception? _fault;
    private volatile bool _disposing;

    public IndexFollower(IObjectStore store, IIndexWriter writer)
    {
        _store = store;
        _writer = writer;
    }

    /// <summary>The last sequence number the indexes reflect (-1 before the follower has started).</summary>
    public long Cursor => Interlocked.Read(ref _cursor);

    /// <summary>Starts following: reads the cursor and catches up with the feed in the background.</summary>
    public void Start()
    {
        Running = true;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Whether <see cref="Start"/> was called; a store opened without its follower (tests) hands nothing over and waits for nothing.</summary>
    public bool Running { get; private set; }

    /// <summary>Hands over the rows of a committed batch (in sequence order); waits while <see cref="QueuedBatches"/> are queued.</summary>
    public ValueTask PostAsync(IReadOnlyList<PreparedObject> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 || !Running ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(rows, cancellationToken);

    /// <summary>Waits until the indexes reflect every version up to <paramref name="sequence"/>.</summary>
    public Task WaitAsync(long sequence, CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_fault is { } fault)
            {
                return Task.FromException(new InvalidOperationException("the index follower failed; text search and correlation are behind the feed", fault));
            }

            if (Cursor >= sequence || !Running)
            {
                return Task.CompletedTask; // caught up, or a store opened without its follower (tests): nothing to wait for
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, done));
            _target = Math.Max(_target, sequence);
        }

        _queue.Writer.TryWrite(null); // wake the loop to read the feed (another process may have written it)
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Removes the index entries of deleted versions, serialised with the follower's writes.</summary>
    public async Task RemoveAsync(IReadOnlyList<PreparedObject> versions, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return;
        }

        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _writer.RemoveAsync(versions, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _indexLock.Release();
        }
    }

    /// <summary>Indexes what was handed over, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _indexLock.Dispose();
    }

    private async Task RunAsync()
    {
        var pending = new List<PreparedObject>();
        var retry = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                if (Cursor < 0)
                {
                    await _indexLock.WaitAsync(_stop.Token).ConfigureAwait(false);
                    try
                    {
                        SetCursor(await _writer.ReadCursorAsync(_stop.Token).ConfigureAwait(false));
                    }
                    finally
                    {
                        _indexLock.Release();
                    }

                    lock (_lock)
                    {
                        _target = Math.Max(_target, 0);
                    }

                    await CatchUpAsync(await _store.GetLastSequenceAsync(_stop.Token).ConfigureAwait(false)).ConfigureAwait(false);
                }

                if (pending.Count == 0 && !await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                {
                    return; // disposed, and everything handed over is indexed
                }

                await GatherAsync(pending).ConfigureAwait(false);

                if (pending.Count > 0)
                {
                    await IndexAsync(pending).ConfigureAwait(false);
                    pending.Clear();
                }

                long target;
                lock (_lock)
                {
                    target = _target;
                }

                if (Cursor < target)
                {
                    await CatchUpAsync(await _store.GetLastSequenceAsync(_stop.Token).ConfigureAwait(false)).ConfigureAwait(false);
                }

                retry = TimeSpan.FromMilliseconds(100);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                Fail(exception);
                if (_disposing)
                {
                    return; // the cursor is persisted: the next open resumes from it
                }

                pending.Clear(); // read back from the feed on the next round
                SetCursor(-1);
                await Task.Delay(retry).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>
    /// Takes handed-over rows until <see cref="MaxRowsPerWrite"/> are pending, someone waits for the index, the ingest
    /// pauses for <see cref="GatherPause"/>, or the store closes: one index transaction for several batches rewrites the
    /// random-keyed pages of the correlation index once, not once per batch.
    /// </summary>
    private async Task GatherAsync(List<PreparedObject> pending)
    {
        while (true)
        {
            while (pending.Count < MaxRowsPerWrite && _queue.Reader.TryRead(out var rows))
            {
                if (rows is not null)
                {
                    pending.AddRange(rows);
                }
            }

            bool waited;
            lock (_lock)
            {
                waited = _waiters.Count > 0;
            }

            if (pending.Count == 0 || pending.Count >= MaxRowsPerWrite || waited || _disposing)
            {
                return;
            }

            using var pause = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            pause.CancelAfter(GatherPause);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(pause.Token).ConfigureAwait(false))
                {
                    return; // closing
                }
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                return; // the ingest paused: index what is pending
            }
        }
    }

    /// <summary>Indexes handed-over rows, first reading from the feed whatever lies between the cursor and them.</summary>
    private async Task IndexAsync(List<PreparedObject> rows)
    {
        var cursor = Cursor;
        var first = rows.FindIndex(r => r.Sequence > cursor);
        if (first < 0)
        {
            return;
        }

        if (rows[first].Sequence != cursor + 1)
        {
            await CatchUpAsync(rows[first].Sequence - 1).ConfigureAwait(false);
            cursor = Cursor;
            first = rows.FindIndex(r => r.Sequence > cursor);
            if (first < 0)
            {
                return;
            }
        }

        var slice = first == 0 ? rows : rows.GetRange(first, rows.Count - first);
        await WriteAsync(slice, slice[^1].Sequence).ConfigureAwait(false);
    }

    /// <summary>Reads the feed from the cursor up to at least <paramref name="until"/> and indexes it.</summary>
    private async Task CatchUpAsync(long until)
    {
        var preparer = new ObjectPreparer();
        while (Cursor < until)
        {
            var last = await _store.GetLastSequenceAsync(_stop.Token).ConfigureAwait(false);
            var page = await _store.ReadChangesAsync(Cursor, CatchUpPage, _stop.Token).ConfigureAwait(false);
            var rows = new List<PreparedObject>(page.Items.Count);
            foreach (var item in page.Items)
            {
                if (item.Sequence > last)
                {
                    break;
                }

                var row = preparer.Prepare(StixJsonReader.ParseInPlace(item.Json).GetValueOrThrow(), "$");
                row.Sequence = item.Sequence;
                rows.Add(row);
            }

            // Every version up to `last` had committed before the page was read: a full page ends at its last row,
            // a short one at `last` (the numbers after the rows were deleted, or are not used yet).
            var upTo = page.More && rows.Count == page.Items.Count ? rows[^1].Sequence : last;
            if (upTo <= Cursor)
            {
                return;
            }

            await WriteAsync(rows, upTo).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(IReadOnlyList<PreparedObject> rows, long upTo)
    {
        long cursor;
        await _indexLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            cursor = await _writer.WriteAsync(rows, upTo, _stop.Token).ConfigureAwait(false);
            StageClock.AddIndex(started);
        }
        finally
        {
            _indexLock.Release();
        }

        SetCursor(cursor);
    }

    private void SetCursor(long cursor)
    {
        Interlocked.Exchange(ref _cursor, cursor);
        if (cursor < 0)
        {
            return;
        }

        lock (_lock)
        {
            _fault = null;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Sequence <= cursor)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private void Fail(Exception exception)
    {
        lock (_lock)
        {
            _fault = exception;
            foreach (var (_, done) in _waiters)
            {
                done.TrySetException(new InvalidOperationException("the index follower failed; text search and correlation are behind the feed", exception));
            }

            _waiters.Clear();
        }
    }
}
