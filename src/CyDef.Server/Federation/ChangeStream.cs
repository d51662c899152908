using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using CyDef.Federation;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;

namespace CyDef.Server.Federation;

/// <summary>
/// The change-notice stream: follows the node's change feed from the moment the caller connects and sends a
/// <c>change</c> event when a version that the caller's viewer may see has been accepted — read through the sharing
/// policy, so that a notice never tells of a denied version (nor of one that came through the caller) —, and a
/// <c>heartbeat</c> after 15 s of silence. It ends when the node stops.
/// </summary>
internal static class ChangeStream
{
    private const int PageSize = 1000;

    public static ServerSentEventsResult<string> Open(HttpContext http, IObjectStore store, SharingGate sharing, ChangeFeedWatcher watcher, IHostApplicationLifetime lifetime) =>
        TypedResults.ServerSentEvents(NoticesAsync(sharing.View(store, http), store, watcher, lifetime.ApplicationStopping, http.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> NoticesAsync(PolicyView view, IObjectStore store, ChangeFeedWatcher watcher, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        var token = both.Token;
        var cursor = await store.GetLastSequenceAsync(token).ConfigureAwait(false);
        yield return new SseItem<string>("{}", "ready");
        while (await WaitAsync(watcher, cursor, token).ConfigureAwait(false) is { } changed)
        {
            if (!changed)
            {
                yield return new SseItem<string>("{}", ChangeNotice.HeartbeatEvent);
                continue;
            }

            var (next, visible) = await ScanAsync(view, watcher.Last, cursor, token).ConfigureAwait(false);
            cursor = next;
            if (visible is { } dateAdded)
            {
                yield return new SseItem<string>(ChangeNotice.Write(dateAdded), ChangeNotice.ChangeEvent);
            }
        }
    }

    // True: the feed grew; false: a heartbeat is due; null: the stream ends.
    private static async Task<bool?> WaitAsync(ChangeFeedWatcher watcher, long cursor, CancellationToken token)
    {
        try
        {
            return await watcher.WaitAsync(cursor, TimeSpan.FromSeconds(ChangeNotice.HeartbeatSeconds), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    // Reads the feed after the cursor until the first version the viewer may see. The notice only wakes the peer,
    // whose pull then takes everything up to the feed's end, so the cursor moves to the end read before the scan.
    // 'end' is the watcher's last read of the feed's end (at or after the change that woke the stream).
    private static async Task<(long Cursor, DateTimeOffset? Visible)> ScanAsync(PolicyView view, long end, long cursor, CancellationToken token)
    {
        var after = cursor;
        while (after < end)
        {
            var page = await view.ReadChangesAsync(after, PageSize, token).ConfigureAwait(false);
            if (page.Items.Count > 0)
            {
                return (Math.Max(end, page.Items[0].Stored.Sequence), page.Items[0].Stored.DateAdded);
            }

            if (!page.More || page.Next is not { } next)
            {
                break;
            }

            after = next;
        }

        return (end, null);
    }
}
