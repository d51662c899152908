using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Client;
using CyDef.Taxii.Resources;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Pushes to a peer that cannot reach this node: follows this node's change feed from the saved sequence number,
/// through the sharing policy with the peer as viewer, and posts each page to the peer's collection (TAXII Add
/// Objects), waiting for the peer's status to be complete before saving the cursor. Woken by local changes.
/// </summary>
internal sealed class PushLink(PeerOptions peer, string dataFolder, TaxiiClient client, IObjectStore store, PolicyView view, FederationPipeline pipeline, ChangeFeedWatcher watcher, ILogger logger)
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
        watcher.WaitAsync(State.Sequence, timeout, cancellationToken);

    protected override async Task SyncAsync(CancellationToken cancellationToken)
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
