using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Client;
using CyDef.Taxii.Resources;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Pushes to a peer that cannot reach this node: follows this node's change feed from the saved sequence number,
/// through the sharing policy with the peer as viewer, and posts each page to the peer's collection (TAXII Add
/// Objects), waiting for the peer's status to be complete before saving the cursor. Then it tells the peer of the
/// versions deleted here that the peer was allowed (<see cref="FederationPaths.Deletions"/>), following the store's
/// deletion log from its own saved position. Woken by local changes and deletions.
/// </summary>
internal sealed class PushLink(PeerOptions peer, string dataFolder, TaxiiClient client, HttpClient http, IObjectStore store, PolicyView view, FederationPipeline pipeline, ChangeFeedWatcher watcher, ILogger logger)
    : PeerLink(peer, dataFolder, logger)
{
    private const string StoreFailure = "The node could not store";

    public override async Task<PeerStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var state = State;
        var last = await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false);
        return new PeerStatus(Peer.Name, PeerMode.Push, Peer.Url, Connected: false, null, Math.Max(0, last - state.Sequence), state);
    }

    protected override Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        watcher.WaitAsync(State.Sequence, State.Deletions, timeout, cancellationToken);

    protected override async Task SyncAsync(CancellationToken cancellationToken)
    {
        await PushVersionsAsync(cancellationToken).ConfigureAwait(false);
        await PushDeletionsAsync(cancellationToken).ConfigureAwait(false);
    }

    // The deletions after the saved position that the peer was allowed, a page at a time; the position is saved once the
    // peer has applied them. A peer without the endpoint (not a CyDef node) is not told, and the position moves on.
    private async Task PushDeletionsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DeletedVersion> deletions;
        do
        {
            deletions = await store.ReadDeletionsAsync(State.Deletions, Peer.PageSize, cancellationToken).ConfigureAwait(false);
            if (deletions.Count == 0)
            {
                return;
            }

            var told = deletions
                .Where(d => Stix.Json.StixJsonReader.Parse(d.Access.Span).Value is { IsObject: true } access && view.MaySee(access))
                .Select(d => new DeletionNotice(d.Id, d.Modified, d.Position))
                .ToList();
            var deleted = 0L;
            if (told.Count > 0)
            {
                using var content = new StringContent(ChangeNotice.WriteDeletions(told), System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(Peer.DeletionsUrl(), content, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed)
                {
                    FederationLog.PushRefused(Logger, Peer.Name, told.Count, $"the peer takes no deletions ({(int)response.StatusCode} from {Peer.DeletionsUrl()})");
                }
                else
                {
                    response.EnsureSuccessStatusCode();
                    using var result = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                    deleted = result.RootElement.TryGetProperty("deleted", out var count) && count.TryGetInt64(out var n) ? n : 0;
                }
            }

            Update(s => s with { Deletions = Math.Max(s.Deletions, deletions[^1].Position), Deleted = s.Deleted + deleted }, save: true);
        }
        while (deletions.Count == Peer.PageSize);
    }

    private async Task PushVersionsAsync(CancellationToken cancellationToken)
    {
        var (apiRoot, collection) = Peer.Target();
        while (true)
        {
            // Everything up to the end of the feed at this moment is examined by the pages below.
            var end = await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false);
            var page = await view.ReadChangesAsync(State.Sequence, Peer.PageSize, cancellationToken).ConfigureAwait(false);
            var objects = page.Items.Select(o => pipeline.Send(o.Value, Peer)).ToList();
            var sent = 0L;
            var refused = 0L;
            string? refusal = null;
            if (objects.Count > 0)
            {
                var status = await client.AddObjectsAndWaitAsync(apiRoot, collection, objects, TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
                sent = Check(status);
                refused = status.FailureCount;
                refusal = status.Failures is { Count: > 0 } failures ? $"{failures[^1].Id} version {failures[^1].Version}: {failures[^1].Message}" : null;
            }

            var cursor = page.More ? page.Next ?? State.Sequence : Math.Max(end, page.Items.Count > 0 ? page.Items[^1].Stored.Sequence : 0);
            Update(s => s with
            {
                Sequence = Math.Max(s.Sequence, cursor),
                Sent = s.Sent + sent,
                Refused = s.Refused + refused,
                LastRefusal = refusal ?? s.LastRefusal,
                LastRefusalAt = refusal is null ? s.LastRefusalAt : DateTimeOffset.UtcNow,
            }, save: true);
            if (!page.More)
            {
                return;
            }
        }
    }

    // A version the peer refuses (invalid there, deleted there) is not sent again; a failure to store is retried.
    private long Check(Status status)
    {
        if (status.Failures is { Count: > 0 } failures)
        {
            if (failures.Any(f => f.Message?.StartsWith(StoreFailure, StringComparison.Ordinal) == true))
            {
                throw new TaxiiException($"peer {Peer.Name} could not store the objects: {failures[0].Message}");
            }

            FederationLog.PushRefused(Logger, Peer.Name, status.FailureCount, failures[0].Message ?? "no reason given");
        }

        return status.SuccessCount;
    }
}
