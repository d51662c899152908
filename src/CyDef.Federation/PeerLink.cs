using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// One peer's sync loop: sync, then wait to be woken (a change notice, a local change) or for the poll interval; on
/// an error, record it and retry with a growing delay (0.5 s doubling to 10 s). The state is saved atomically by
/// the subclass after each page.
/// </summary>
internal abstract class PeerLink(PeerOptions peer, string dataFolder, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private PeerState _state = PeerStateFile.Load(dataFolder, peer.Name, peer.Mode);

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
                await WaitAsync(backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(peer.PollSeconds) : backoff, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Syncs until there is nothing more to do now.</summary>
    protected abstract Task SyncAsync(CancellationToken cancellationToken);

    /// <summary>Waits until woken or <paramref name="timeout"/> has passed.</summary>
    protected abstract Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Changes the state; with <paramref name="save"/>, writes it to its file (atomically) before returning.</summary>
    protected void Update(Func<PeerState, PeerState> change, bool save)
    {
        lock (_lock)
        {
            var next = change(_state);
            if (save)
            {
                PeerStateFile.Save(dataFolder, next);
            }

            _state = next;
        }
    }
}
