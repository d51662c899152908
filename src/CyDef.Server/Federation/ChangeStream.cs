using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CyDef.Federation;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace CyDef.Server.Federation;

/// <summary>
/// The change-notice stream: follows the node's change feed from the moment the caller connects and sends a
/// <c>change</c> event when a version that the caller's viewer may see has been accepted — read through the sharing
/// policy, so that a notice never tells of a denied version (nor of one that came through the caller) —, a
/// <c>deleted</c> event when an administrator deletes a version the caller was allowed (decided on what the deletion
/// log kept of the version: its markings, creator and provenance; with <c>?deletions_after=N</c>, the deletions after
/// position N of the log come first, so that a peer catches up after a disconnection), and a <c>heartbeat</c> after
/// 15 s of silence. It ends when the node stops.
/// </summary>
/// <remarks>
/// With <c>?api_root=R&amp;collection=C</c> naming a collection over the node's own store that the caller may read,
/// the stream carries the versions themselves: an <c>objects</c> event holds every version the caller may have (as the
/// TAXII objects endpoint would serve them: the policy's copy, the caller's readable types) accepted after the
/// stream's previous event, with <c>after</c> and <c>last</c>, the <c>date_added</c> of the last version the stream had
/// read before the event and of the last one it read for it (allowed or not). A peer whose <c>added_after</c> cursor is
/// at or past <c>after</c> can store them and move its cursor to <c>last</c> without a request; any other peer pulls
/// (<see cref="ChangeNotice.ObjectsEvent"/>). When more than <see cref="ObjectsPerEvent"/> versions are waiting, a
/// <c>change</c> notice is sent instead, and the peer pulls them page by page.
/// </remarks>
internal static class ChangeStream
{
    /// <summary>The most versions an <c>objects</c> event carries.</summary>
    public const int ObjectsPerEvent = 100;

    private const int PageSize = 1000;

    public static async Task<IResult> OpenAsync(HttpContext http, IObjectStore store, CollectionRegistry registry, SharingGate sharing, ChangeFeedWatcher watcher, FeedTail tail, IHostApplicationLifetime lifetime)
    {
        var view = sharing.View(store, http);
        var query = http.Request.Query;
        long? deletionsAfter = null;
        if (query["deletions_after"] is { Count: > 0 } asked)
        {
            if (!long.TryParse(asked[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad deletions_after",
                    detail: $"deletions_after is a position of the deletion log, a whole number of 0 or more, not '{asked[0]}'.");
            }

            deletionsAfter = position;
        }

        string? apiRoot = query["api_root"], collection = query["collection"];
        if (apiRoot is null && collection is null)
        {
            return TypedResults.ServerSentEvents(NoticesAsync(view, store, watcher, null, deletionsAfter, lifetime.ApplicationStopping, http.RequestAborted));
        }

        if (apiRoot is null || collection is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Both api_root and collection are needed",
                detail: "The stream carries objects of one collection: name its API Root (api_root) and the collection (collection, its id or alias).");
        }

        if (registry.FindApiRoot(apiRoot)?.FindCollection(collection) is not { } record)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such collection", detail: $"The API Root '{apiRoot}' has no collection '{collection}'.");
        }

        if (!NodeClaims.CanRead(http.User, record))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not readable", detail: $"You may not read collection '{collection}'.");
        }

        // Another collection has a feed of its own: its peers are only told of the node's changes, and pull.
        var carries = ReferenceEquals(await registry.GetStoreAsync(record, http.RequestAborted).ConfigureAwait(false), store);
        var types = carries ? new Carried(NodeClaims.ReadableTypes(http.User), tail) : null;
        return TypedResults.ServerSentEvents(NoticesAsync(view, store, watcher, types, deletionsAfter, lifetime.ApplicationStopping, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> NoticesAsync(PolicyView view, IObjectStore store, ChangeFeedWatcher watcher, Carried? carried, long? deletionsAfter, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        var token = both.Token;
        var lastDeletion = await store.GetLastDeletionAsync(token).ConfigureAwait(false);
        var deletions = Math.Min(deletionsAfter ?? lastDeletion, lastDeletion);
        var cursor = await store.GetLastSequenceAsync(token).ConfigureAwait(false);

        // Where the caller's cursor must be for the first objects event to follow on: the newest version's date_added
        // ('known' with no date: the store was empty, and the stream carries everything from the start).
        DateTimeOffset? position = carried is null || cursor == 0 ? null : (await store.ReadChangesAsync(cursor - 1, 1, token).ConfigureAwait(false)).Items.FirstOrDefault()?.DateAdded;
        var known = cursor == 0 || position is not null;
        yield return new SseItem<string>("{}", "ready");
        var changed = (bool?)true;
        var opening = true;
        do
        {
            if (changed is false)
            {
                yield return new SseItem<string>("{}", ChangeNotice.HeartbeatEvent);
            }

            // Deletions first: a version deleted before the caller's next pull is then not pulled in vain. The log is
            // read at the start, when the node's store tells of a deletion, and at each heartbeat (for deletions by
            // another process), not at every new version.
            var readDeletions = opening || changed is false || watcher.LastDeletion > deletions;
            opening = false;
            while (readDeletions)
            {
                var deleted = await store.ReadDeletionsAsync(deletions, PageSize, token).ConfigureAwait(false);
                foreach (var version in deleted)
                {
                    deletions = version.Position;
                    if (StixJsonReader.Parse(version.Access.Span).Value is { IsObject: true } access && view.MaySee(access))
                    {
                        yield return new SseItem<string>(ChangeNotice.WriteDeleted(new DeletionNotice(version.Id, version.Modified, version.Position)), ChangeNotice.DeletedEvent);
                    }
                }

                readDeletions = deleted.Count == PageSize;
            }

            if (changed is false || watcher.Last <= cursor)
            {
                continue; // a heartbeat, a deletion or the opening round: the feed has not grown
            }

            var end = watcher.Last;
            if (carried is not null)
            {
                var read = await ReadAsync(view, carried, cursor, end, token).ConfigureAwait(false);
                cursor = read.Cursor;
                if (read.Objects is { } objects)
                {
                    if (objects.Count > 0)
                    {
                        yield return new SseItem<string>(ChangeNotice.WriteObjects(known, position, read.Last, objects), ChangeNotice.ObjectsEvent);
                    }

                    if (read.Last is { } last)
                    {
                        (position, known) = (last, true);
                    }

                    continue;
                }

                // Too many to carry: the caller pulls them; the stream's position is known again after its next read.
                (position, known) = (null, false);
                if (read.FirstVisible is { } first)
                {
                    yield return new SseItem<string>(ChangeNotice.Write(first), ChangeNotice.ChangeEvent);
                }

                continue;
            }

            var (next, visible) = await ScanAsync(view, end, cursor, token).ConfigureAwait(false);
            cursor = next;
            if (visible is { } dateAdded)
            {
                yield return new SseItem<string>(ChangeNotice.Write(dateAdded), ChangeNotice.ChangeEvent);
            }
        }
        while ((changed = await WaitAsync(watcher, cursor, deletions, token).ConfigureAwait(false)) is not null);
    }

    // True: the feed grew; false: a heartbeat is due; null: the stream ends.
    private static async Task<bool?> WaitAsync(ChangeFeedWatcher watcher, long cursor, long deletions, CancellationToken token)
    {
        try
        {
            return await watcher.WaitAsync(cursor, deletions, TimeSpan.FromSeconds(ChangeNotice.HeartbeatSeconds), token).ConfigureAwait(false);
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

    // Reads every version after the cursor up to 'end' (or further: the feed may have grown) and keeps, in the
    // viewer's form, those it may have, up to ObjectsPerEvent of them; Objects is null when there were more.
    private static async Task<CarriedRead> ReadAsync(PolicyView view, Carried carried, long cursor, long end, CancellationToken token)
    {
        var objects = new List<SharedObject>();
        DateTimeOffset? last = null, first = null;
        while (cursor < end)
        {
            var page = await carried.Tail.ReadAsync(cursor, PageSize, token).ConfigureAwait(false);
            foreach (var stored in page.Items)
            {
                cursor = stored.Sequence;
                last = stored.DateAdded;
                if (!carried.Takes(stored.Type) || view.Share(stored) is not { } shared)
                {
                    continue;
                }

                first ??= stored.DateAdded;
                if (objects.Count == ObjectsPerEvent)
                {
                    return new CarriedRead(Math.Max(end, cursor), null, last, first);
                }

                objects.Add(shared);
            }

            if (!page.More || page.Items.Count == 0)
            {
                break;
            }
        }

        return new CarriedRead(cursor, objects, last, first);
    }

    private sealed record CarriedRead(long Cursor, List<SharedObject>? Objects, DateTimeOffset? Last, DateTimeOffset? FirstVisible);

    // The types the caller may read (null: every type), as the TAXII endpoints allow them; the feed's reads shared
    // with the other streams.
    private sealed record Carried(IReadOnlySet<string>? Types, FeedTail Tail)
    {
        public bool Takes(string type) => Types is null || Types.Contains(type);
    }
}
