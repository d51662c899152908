using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// One peer's sync loop: sync, then wait to be woken (a change notice, a local change) or for the poll interval; on
/// an error, record it and retry with a growing delay (0.5 s doubling to 10 s). The state is saved atomically by
/// the subclass after each page, at most once per <see cref="SaveInterval"/>: a later change is written when that
/// interval has passed, and when the link stops. The store commits what a cursor covers before the cursor changes,
/// so a crash in between only makes the next sync take up to a second's versions again, as duplicates.
/// </summary>
internal abstract class PeerLink(PeerOptions peer, string dataFolder, ILogger logger)
{
    /// <summary>The shortest time between two writes of the state file.</summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private PeerState _state = PeerStateFile.Load(dataFolder, peer.Name, peer.Mode);
    private long _savedAt = long.MinValue / 2;
    private bool _unsaved;

    public PeerOptions Peer => peer;

    public PeerState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    protected ILogger Logger => logger;

    public abstract Task<PeerStatus> StatusAsync(CancellationToken cancellationToken);

    public async Task RunAsync(CancellationToken stop)
    {
        FederationLog.Started(logger, peer.Name, peer.Mode, peer.Url);
        try
        {
            await LoopAsync(stop).ConfigureAwait(false);
        }
        finally
        {
            Flush(); // the last cursor reaches its file when the node stops
        }
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stop).ConfigureAwait(false);
                Update(s => s with { LastSuccess = DateTimeOffset.UtcNow, LastError = null, LastErrorAt = null }, save: true);
                backoff = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                FederationLog.SyncFailed(logger, peer.Name, exception.Message, backoff.TotalSeconds);
                Update(s => s with { LastError = exception.Message, LastErrorAt = DateTimeOffset.UtcNow }, save: false);
            }

            try
            {
                if (!await PauseAsync(backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(peer.PollSeconds) : backoff, stop).ConfigureAwait(false))
                {
                    OnWaitOver();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The wait between two syncs ended without a wake-up: the poll interval, or the delay after an error, is over.</summary>
    protected virtual void OnWaitOver()
    {
    }

    // Waits until woken (true) or 'wait' has passed (false); an unsaved state is written meanwhile, once it is due.
    private async Task<bool> PauseAsync(TimeSpan wait, CancellationToken stop)
    {
        var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
            var step = Unsaved ? TimeSpan.FromTicks(Math.Clamp((SaveInterval - Stopwatch.GetElapsedTime(SavedAt)).Ticks, 0, Math.Max(0, left.Ticks))) : left;
            var woken = await WaitAsync(step, stop).ConfigureAwait(false);
            Flush(onlyWhenDue: true);
            if (woken || Stopwatch.GetTimestamp() >= until)
            {
                return woken;
            }
        }
    }

    /// <summary>Syncs until there is nothing more to do now.</summary>
    protected abstract Task SyncAsync(CancellationToken cancellationToken);

    /// <summary>Waits until woken (true) or <paramref name="timeout"/> has passed (false).</summary>
    protected abstract Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);

    private long SavedAt
    {
        get
        {
            lock (_lock)
            {
                return _savedAt;
            }
        }
    }

    private bool Unsaved
    {
        get
        {
            lock (_lock)
            {
                return _unsaved;
            }
        }
    }

    /// <summary>
    /// Changes the state; with <paramref name="save"/>, writes it to its file (atomically) before returning, or, when
    /// the last write is less than <see cref="SaveInterval"/> old, marks it to be written by the sync loop.
    /// </summary>
    protected void Update(Func<PeerState, PeerState> change, bool save)
    {
        lock (_lock)
        {
            var next = change(_state);
            if (save && Stopwatch.GetElapsedTime(_savedAt) >= SaveInterval)
            {
                PeerStateFile.Save(dataFolder, next);
                _savedAt = Stopwatch.GetTimestamp();
                _unsaved = false;
            }
            else if (save)
            {
                _unsaved = true;
            }

            _state = next;
        }
    }

    /// <summary>Writes the state if a change is waiting to be written (and, with <paramref name="onlyWhenDue"/>, the last write is <see cref="SaveInterval"/> old).</summary>
    protected void Flush(bool onlyWhenDue = false)
    {
        lock (_lock)
        {
            if (_unsaved && (!onlyWhenDue || Stopwatch.GetElapsedTime(_savedAt) >= SaveInterval))
            {
                PeerStateFile.Save(dataFolder, _state);
                _savedAt = Stopwatch.GetTimestamp();
                _unsaved = false;
            }
        }
    }
}
