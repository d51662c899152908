using System.Collections.Concurrent;
using CyDef.Storage;
using CyDef.Taxii.Client;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Pulls a peer's collection over TAXII 2.1: every version (<c>match[version]=all</c>) added after the cursor, page
/// by page following <c>next</c>, the next page fetched while this one is stored. The cursor is the peer's
/// <c>added_after</c> and <c>next</c> token, saved after each page is durably stored. Woken by the peer's change
/// notices (<see cref="NoticeListener"/>), with a poll every <see cref="PeerOptions.PollSeconds"/> as a fallback.
/// Versions the notice stream carries (<see cref="Offer"/>) are stored without a request when they follow on from
/// the cursor; otherwise the link pulls. A deletion the peer tells of (<see cref="Deleted"/>) is applied after the
/// pulls that were under way, and only to a version this node had from that peer (the last hop of its provenance).
/// </summary>
internal sealed class PullLink(PeerOptions peer, string dataFolder, TaxiiClient client, IObjectStore store, FederationPipeline pipeline, ChangeFeedWatcher watcher, ILogger logger, TrustRecordFetcher? trust = null)
    : PeerLink(peer, dataFolder, logger)
{
    // Carried versions waiting for the sync loop; beyond this many, they are dropped and the link pulls instead.
    private const int MaxCarried = 64;

    private readonly AsyncSignal _wake = new();
    private readonly ConcurrentQueue<CarriedObjects> _carried = new();
    private readonly ConcurrentQueue<DeletionNotice> _deleted = new();
    private volatile bool _connected;
    private int _pull = 1; // a pull is wanted: at start, on a notice, on each (re)connection and at each poll

    public bool Connected
    {
        get => _connected;
        set => _connected = value;
    }

    /// <summary>The peer announced a change (or the notice stream opened): pull now.</summary>
    public void Wake(DateTimeOffset? announced)
    {
        if (announced is { } at)
        {
            Update(s => s.Announced is { } known && known >= at ? s : s with { Announced = at }, save: false);
        }

        Volatile.Write(ref _pull, 1);
        _wake.Set();
    }

    /// <summary>The notice stream carried versions: stored by the sync loop when they follow on from the cursor, else pulled.</summary>
    public void Offer(CarriedObjects carried)
    {
        Update(s => s.Announced is { } known && known >= carried.Last ? s : s with { Announced = carried.Last }, save: false);
        if (_carried.Count >= MaxCarried)
        {
            _carried.Clear();
            Volatile.Write(ref _pull, 1);
        }
        else
        {
            _carried.Enqueue(carried);
        }

        _wake.Set();
    }

    /// <summary>The peer deleted a version it had allowed this node: applied by the sync loop, after the pulls under way.</summary>
    public void Deleted(DeletionNotice notice)
    {
        _deleted.Enqueue(notice);
        _wake.Set();
    }

    public override Task<PeerStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var state = State;
        var lag = state.Announced is { } announced && (state.Seen is not { } seen || announced > seen)
            ? (announced - (state.Seen ?? announced)).TotalSeconds
            : 0;
        return Task.FromResult(new PeerStatus(Peer.Name, PeerMode.Pull, Peer.Url, Connected, lag, null, state));
    }

    protected override Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    protected override void OnWaitOver() => Volatile.Write(ref _pull, 1); // the poll, or the retry after an error

    protected override async Task SyncAsync(CancellationToken cancellationToken)
    {
        await SyncVersionsAsync(cancellationToken).ConfigureAwait(false);

        // After the pulls: a version read from the peer just before its deletion is stored first, then deleted.
        while (_deleted.TryPeek(out var notice))
        {
            await ApplyAsync(notice, cancellationToken).ConfigureAwait(false);
            _deleted.TryDequeue(out _);
        }
    }

    private async Task ApplyAsync(DeletionNotice notice, CancellationToken cancellationToken)
    {
        var deleted = notice.Position > State.Deletions
            ? await PeerDeletions.ApplyAsync(store, notice, Peer.Name, Peer.Organization, Logger, cancellationToken).ConfigureAwait(false)
            : 0;

        Update(s => s with { Deletions = Math.Max(s.Deletions, notice.Position), Deleted = s.Deleted + deleted }, save: true);
    }

    private async Task SyncVersionsAsync(CancellationToken cancellationToken)
    {
        // What the stream carried first: each event that follows on from the cursor is stored as a page would be.
        while (Volatile.Read(ref _pull) == 0 && _carried.TryDequeue(out var carried))
        {
            var state = State;
            if (state.Next is null && state.AddedAfter is { } cursor && carried.Last <= cursor)
            {
                continue; // already held
            }

            if (state.Next is null && carried.FollowsOn(state.AddedAfter))
            {
                try
                {
                    await StoreAsync(Taken(carried.Objects), following: null, Later(state.Seen, carried.Last), Task.CompletedTask, cancellationToken, carried: true).ConfigureAwait(false);
                }
                catch
                {
                    Volatile.Write(ref _pull, 1); // the retry pulls what this event held
                    throw;
                }

                continue;
            }

            Volatile.Write(ref _pull, 1);
        }

        if (Interlocked.Exchange(ref _pull, 0) == 0)
        {
            return;
        }

        _carried.Clear(); // the pull takes everything up to the feed's end; later events stay queued
        await PullAsync(cancellationToken).ConfigureAwait(false);
    }

    // The types this node takes, as a pull's match[type] asks for them.
    private List<Stix.Json.StixValue> Taken(IReadOnlyList<Stix.Json.StixValue> objects) =>
        Peer.Take.Types.Count == 0
            ? [.. objects]
            : [.. objects.Where(o => o["type"]?.AsString() is { } type && (type == "marking-definition" || Peer.Take.Types.Contains(type)))];

    private async Task PullAsync(CancellationToken cancellationToken)
    {
        var (apiRoot, collection) = Peer.Target();
        var request = new PageRequest(State.AddedAfter, State.Next);
        var seen = State.Seen;
        var fetch = FetchAsync(apiRoot, collection, request, cancellationToken);
        var stored = Task.CompletedTask;
        try
        {
            while (true)
            {
                var page = await fetch.ConfigureAwait(false);
                seen = Later(seen, page.DateAddedLast);
                PageRequest? following = null;
                if (page.More && page.Next is not null)
                {
                    following = request with { Next = page.Next };
                }
                else if (page.More && page.DateAddedLast is { } last)
                {
                    following = new PageRequest(last, null); // §3.5: a server without next tokens pages by date
                }

                if (following is { } ahead)
                {
                    fetch = FetchAsync(apiRoot, collection, ahead, cancellationToken);
                }

                // This page is stored while the previous one finishes (its index) and the next one is fetched; the
                // cursors are saved in page order.
                var previous = stored;
                stored = StoreAsync(page.Objects, following, seen, previous, cancellationToken);
                await previous.ConfigureAwait(false);
                if (following is null)
                {
                    await stored.ConfigureAwait(false);
                    return;
                }

                request = following;
            }
        }
        catch
        {
            await Task.WhenAll(stored, fetch).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
    }

    private async Task StoreAsync(IReadOnlyList<Stix.Json.StixValue> objects, PageRequest? following, DateTimeOffset? seen, Task previous, CancellationToken cancellationToken, bool carried = false)
    {
        var batch = pipeline.Receive(objects, Peer);

        // Signed by a key this node does not know yet: the peer may have rotated its key; fetch its record, follow it, check again.
        if (batch.Refused > 0 && trust is not null && await trust.RefreshForAsync(Peer, objects, cancellationToken).ConfigureAwait(false))
        {
            batch = pipeline.Receive(objects, Peer);
        }

        var report = batch.Accepted.Count > 0 ? await store.IngestObjectsAsync(batch.Accepted, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        if (report is { Accepted: > 0 })
        {
            watcher.Poke();
        }

        // Saved only once this page and the one before it are committed: a crash before this line pulls them again, as duplicates.
        await previous.ConfigureAwait(false);
        Update(s => s with
        {
            AddedAfter = following is null ? seen ?? s.AddedAfter : following.AddedAfter,
            Next = following?.Next,
            Seen = seen,
            Received = s.Received + (report?.Accepted ?? 0),
            Carried = s.Carried + (carried ? report?.Accepted ?? 0 : 0),
            Duplicates = s.Duplicates + (report?.Duplicates ?? 0),
            Refused = s.Refused + batch.Refused + (report?.Rejected ?? 0),
            Looped = s.Looped + batch.Looped,
            LastRefusal = batch.LastRefusal ?? s.LastRefusal,
            LastRefusalAt = batch.LastRefusal is null ? s.LastRefusalAt : DateTimeOffset.UtcNow,
        }, save: true);
        if (report is { Accepted: > 0 } || batch.Refused > 0)
        {
            FederationLog.Pulled(Logger, Peer.Name, report?.Accepted ?? 0, report?.Duplicates ?? 0, batch.Refused + (report?.Rejected ?? 0), batch.Looped);
        }
    }

    private Task<TaxiiEnvelope> FetchAsync(Uri apiRoot, string collection, PageRequest request, CancellationToken cancellationToken)
    {
        var types = Peer.Take.Types.Count == 0 ? [] : Peer.Take.Types.Append("marking-definition").Distinct(StringComparer.Ordinal).ToList();
        var filter = new TaxiiFilter { Versions = ["all"], Types = types, Limit = Peer.PageSize, AddedAfter = request.AddedAfter };
        return client.GetObjectsPageAsync(apiRoot, collection, filter, request.Next, cancellationToken);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private sealed record PageRequest(DateTimeOffset? AddedAfter, string? Next);
}
