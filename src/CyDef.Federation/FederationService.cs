using System.Net.Http.Headers;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Client;
using CyDef.Taxii.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Runs the node's peer links (<c>CyDef:Peers</c>) in the background — a pull link with its change-notice listener,
/// or a push link, per peer — and answers for their status.
/// </summary>
public sealed class FederationService : BackgroundService
{
    private readonly List<PeerLink> _links = [];
    private readonly List<NoticeListener> _listeners = [];
    private readonly List<HttpClient> _clients = [];
    private readonly List<PeerOptions> _peers;
    private readonly TrustRecordFetcher? _fetcher;

    /// <summary>Creates the links; nothing runs until the host starts the service.</summary>
    /// <param name="settings">The node's federation settings.</param>
    /// <param name="store">The node's store.</param>
    /// <param name="sharing">The node's sharing policy.</param>
    /// <param name="watcher">The node's change-feed watcher.</param>
    /// <param name="checks">Checks of inbound objects (signature verification).</param>
    /// <param name="transforms">Changes to outbound objects (signing).</param>
    /// <param name="loggers">Logs.</param>
    /// <param name="trust">The trusted signing keys, kept up to date from the peers' <see cref="PeerOptions.TrustRecordUrl"/>.</param>
    public FederationService(FederationSettings settings, IObjectStore store, SharingGate sharing, ChangeFeedWatcher watcher, IEnumerable<IInboundCheck> checks, IEnumerable<IOutboundTransform> transforms, ILoggerFactory loggers, FederationTrust? trust = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sharing);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("CyDef.Federation");
        _peers = [.. settings.Peers];
        var pipeline = new FederationPipeline(settings.Organization, checks, transforms, logger);
        if (trust is not null && settings.Peers.Any(p => p.TrustRecordUrl is not null))
        {
            var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(10) };
            _clients.Add(http);
            _fetcher = new TrustRecordFetcher(trust, http, logger);
        }

        foreach (var peer in settings.Peers)
        {
            var client = new TaxiiClient(Http(peer, TimeSpan.FromSeconds(100)));
            if (peer.Mode == PeerMode.Push)
            {
                var view = new PolicyView(store, sharing.Policy, peer.Viewer());
                _links.Add(new PushLink(peer, settings.DataFolder, client, Http(peer, TimeSpan.FromSeconds(100)), store, view, pipeline, watcher, logger));
                continue;
            }

            var pull = new PullLink(peer, settings.DataFolder, client, store, pipeline, watcher, logger, _fetcher);
            _links.Add(pull);
            if (peer.Notices)
            {
                _listeners.Add(new NoticeListener(pull, Http(peer, Timeout.InfiniteTimeSpan), logger));
            }
        }
    }

    /// <summary>Every peer's status, in configuration order.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<PeerStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var statuses = new List<PeerStatus>(_links.Count);
        foreach (var link in _links)
        {
            statuses.Add(await link.StatusAsync(cancellationToken).ConfigureAwait(false));
        }

        return statuses;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The peers' current trust records first (at most the fetch's 10 s timeout), so that what they signed since the
        // records were configured is not refused.
        if (_fetcher is { } fetcher)
        {
            try
            {
                await Task.WhenAll(_peers.Select(p => fetcher.RefreshAsync(p, stoppingToken))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }

        await Task.WhenAll(_links.Select(l => Task.Run(() => l.RunAsync(stoppingToken), CancellationToken.None))
            .Concat(_listeners.Select(l => Task.Run(() => l.RunAsync(stoppingToken), CancellationToken.None)))).ConfigureAwait(false);
    }

    private HttpClient Http(PeerOptions peer, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
        var http = new HttpClient(handler) { Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", peer.ApiKey);
        _clients.Add(http);
        return http;
    }
}
