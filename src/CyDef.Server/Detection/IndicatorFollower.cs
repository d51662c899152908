using CyDef.Detection;
using CyDef.Federation;
using CyDef.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyDef.Server.Detection;

/// <summary>
/// Keeps the node's <see cref="IndicatorIndex"/> current while sensors stream: loads every indicator at start, then
/// follows the store's change feed (woken by the <see cref="ChangeFeedWatcher"/> as soon as the node's store commits,
/// and within its polling interval for versions another process wrote) and applies each new indicator version that is the newest of its object —
/// added, superseded, revoked — and calls <see cref="IndicatorIndex.Advance"/> when a <c>valid_from</c> or
/// <c>valid_until</c> comes. An older version that arrives after a newer one (federation) is not the newest and is
/// left out. Deleting an object's newest version (an administrator's act) takes a version out of the feed rather than
/// adding one: the follower reads the store's deletion log after a pass over the feed (when the store tells of a deletion, and once a second) and puts the object's newest
/// remaining version, if any, in the deleted one's place.
/// </summary>
public sealed partial class IndicatorFollower(IObjectStore store, ChangeFeedWatcher watcher, IndicatorIndex index, TimeProvider clock, ILogger<IndicatorFollower> logger)
    : BackgroundService
{
    private const int PageSize = 1000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The batches the node's store commits, taken from memory instead of read back when the follower is up to them.
    private readonly CommittedTail _tail = new(store);
    private readonly Lock _lock = new();
    private long _sequence = -1;
    private long _deletions;
    private long _deletionsRead;
    private long _lastChangeAdded;
    private long _lastChangeApplied;

    /// <summary>The index the follower keeps.</summary>
    public IndicatorIndex Index => index;

    /// <summary>The change-feed position applied up to (-1 before the first load ends).</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>How many versions the follower took from the store's commits in memory instead of reading them back.</summary>
    public long TakenFromCommits => _tail.Taken;

    /// <summary>The deletion-log position applied up to (see <see cref="IObjectStore.ReadDeletionsAsync"/>).</summary>
    public long DeletionPosition => Interlocked.Read(ref _deletions);

    /// <summary>
    /// The last indicator change applied from the feed: when the store accepted it (<c>date_added</c>) and when the
    /// index had it. Null before the first change after the start.
    /// </summary>
    public (DateTimeOffset Added, DateTimeOffset Applied)? LastChange
    {
        get
        {
            lock (_lock)
            {
                return _lastChangeApplied == 0 ? null : (new DateTimeOffset(_lastChangeAdded, TimeSpan.Zero), new DateTimeOffset(_lastChangeApplied, TimeSpan.Zero));
            }
        }
    }

    /// <summary>Waits until the index holds every version of the feed up to <paramref name="sequence"/>.</summary>
    /// <param name="sequence">A sequence number of the store's feed.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task WaitForAsync(long sequence, CancellationToken cancellationToken = default)
    {
        await _ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        while (Sequence < sequence)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var more = await FollowOnceAsync(stoppingToken).ConfigureAwait(false);
                if (watcher.LastDeletion > Interlocked.Read(ref _deletions) || clock.GetElapsedTime(_deletionsRead) >= MaxWait)
                {
                    // Told of a deletion by the node's store, or a second has passed (deletions by another process).
                    _deletionsRead = clock.GetTimestamp();
                    more |= await ApplyDeletionsAsync(stoppingToken).ConfigureAwait(false);
                }

                if (!more)
                {
                    await watcher.WaitAsync(Sequence, Interlocked.Read(ref _deletions), WaitTime(), stoppingToken).ConfigureAwait(false);
                }

                if (index.NextChange is { } next && next <= clock.GetUtcNow())
                {
                    index.Advance();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task LoadAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var started = clock.GetTimestamp();

                // Deletions up to here are reflected in what the load reads; later ones are applied after it.
                Interlocked.Exchange(ref _deletions, await store.GetLastDeletionAsync(stoppingToken).ConfigureAwait(false));
                var sequence = await IndicatorLoader.LoadAsync(store, index, stoppingToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _sequence, sequence);
                _ready.TrySetResult();
                LogLoaded(logger, index.ExactCount, index.PatternCount, index.PendingCount, sequence, clock.GetElapsedTime(started).TotalSeconds);
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
            {
                LogReadFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _tail.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Applies the indicator versions of the next batch the node committed, when the follower is up to it, or else one
    /// page of indicator versions after the position read from the store; true when more may follow at once.
    /// </summary>
    private async Task<bool> FollowOnceAsync(CancellationToken stoppingToken)
    {
        if (_tail.TryRead(Sequence, out var committed))
        {
            foreach (var item in committed)
            {
                if (item.Type == "indicator")
                {
                    ApplyNewest(item);
                }
            }

            Interlocked.Exchange(ref _sequence, committed[^1].Sequence);
            return true;
        }

        ObjectPage page;
        long last;
        try
        {
            // Everything up to 'last' is committed before the query runs, so a page that ends without more covers it.
            last = await store.GetLastSequenceAsync(stoppingToken).ConfigureAwait(false);
            page = await store.QueryAsync(new ObjectQuery { Types = ["indicator"], Versions = VersionFilter.All, After = Sequence, Limit = PageSize }, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            LogReadFailed(logger, e);
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            return false;
        }

        foreach (var item in page.Items)
        {
            ApplyNewest(item);
        }

        var reached = page.More ? page.Next!.Value : Math.Max(page.Next ?? 0, last);
        Interlocked.Exchange(ref _sequence, Math.Max(Sequence, reached));
        return page.More;
    }

    // A version that is not the newest of its object (one older than what the store holds, arriving late) is left out.
    private void ApplyNewest(StoredObject item)
    {
        if (!item.IsLatest)
        {
            return;
        }

        var change = IndicatorLoader.Apply(index, item);
        LogApplied(logger, item.Id, change, item.Sequence);
        lock (_lock)
        {
            _lastChangeAdded = item.DateAdded.UtcTicks;
            _lastChangeApplied = clock.GetUtcNow().UtcTicks;
        }
    }

    /// <summary>
    /// Applies one page of the deletion log: an indicator whose newest version was deleted is replaced by the newest
    /// version the store still has, or taken out. Runs after a pass over the feed, so that a version read from the
    /// feed just before its deletion is not left behind. True when more may follow at once.
    /// </summary>
    private async Task<bool> ApplyDeletionsAsync(CancellationToken stoppingToken)
    {
        try
        {
            var deletions = await store.ReadDeletionsAsync(Interlocked.Read(ref _deletions), PageSize, stoppingToken).ConfigureAwait(false);
            foreach (var deleted in deletions)
            {
                if (deleted.WasLatest && deleted.Type == "indicator")
                {
                    var change = await store.GetAsync(deleted.Id, stoppingToken).ConfigureAwait(false) is { } remaining
                        ? IndicatorLoader.Apply(index, remaining)
                        : index.Remove(deleted.Id) ? IndicatorChange.Removed : IndicatorChange.Ignored;
                    LogDeleted(logger, deleted.Id, change, deleted.Position);
                    lock (_lock)
                    {
                        _lastChangeAdded = deleted.DeletedAt.UtcTicks;
                        _lastChangeApplied = clock.GetUtcNow().UtcTicks;
                    }
                }

                Interlocked.Exchange(ref _deletions, deleted.Position);
            }

            return deletions.Count == PageSize;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            LogReadFailed(logger, e);
            return false;
        }
    }

    private TimeSpan WaitTime()
    {
        var wait = MaxWait;
        if (index.NextChange is { } next)
        {
            var until = next - clock.GetUtcNow();
            wait = until < TimeSpan.Zero ? TimeSpan.Zero : until < wait ? until : wait;
        }

        return wait;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Detection: {Exact} indicators by exact value, {Patterns} by pattern, {Pending} pending, loaded up to sequence {Sequence} in {Seconds:0.0} s")]
    private static partial void LogLoaded(ILogger logger, int exact, int patterns, int pending, long sequence, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Detection: {Id} {Change} (sequence {Sequence})")]
    private static partial void LogApplied(ILogger logger, string id, IndicatorChange change, long sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Detection: {Id} deleted by an administrator: {Change} (deletion {Position})")]
    private static partial void LogDeleted(ILogger logger, string id, IndicatorChange change, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Detection could not read the store's change feed; trying again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
