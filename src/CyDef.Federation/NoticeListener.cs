using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using CyDef.Sharing;
using CyDef.Stix.Json;
using CyDef.Storage.Sharing;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Keeps a peer's change-notice stream (<see cref="FederationPaths.ChangeStream"/>, server-sent events) open and wakes
/// the pull link on each notice, and on each (re)connection so that what was missed meanwhile is pulled. A stream
/// silent for longer than three heartbeats is dropped; reconnection waits 0.25 s, doubling to 5 s. With
/// <see cref="PeerOptions.Objects"/>, the stream is opened on the pulled collection and the versions it carries go to
/// the pull link (<see cref="PullLink.Offer"/>), which stores them when they follow on from its cursor.
/// </summary>
internal sealed class NoticeListener(PullLink link, HttpClient http, ILogger logger)
{
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3 * ChangeNotice.HeartbeatSeconds);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private bool _objects = link.Peer.Objects;

    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stop).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(250);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                FederationLog.Notices(logger, link.Peer.Name, "lost: " + exception.Message);
            }
            finally
            {
                link.Connected = false;
            }

            try
            {
                await Task.Delay(backoff, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
        idle.CancelAfter(Silence);
        using var request = new HttpRequestMessage(HttpMethod.Get, link.Peer.NoticeUrl(withObjects: _objects, deletionsAfter: link.State.Deletions));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
        if (_objects && (int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests))
        {
            // The peer cannot carry objects for this collection (or does not know the query): notices only, then.
            _objects = false;
            throw new HttpRequestException($"the stream with objects was refused ({(int)response.StatusCode}); notices only from now on");
        }

        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
        link.Connected = true;
        FederationLog.Notices(logger, link.Peer.Name, "open");
        link.Wake(null);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(idle.Token).ConfigureAwait(false))
        {
            idle.CancelAfter(Silence);
            if (item.EventType == ChangeNotice.ChangeEvent)
            {
                link.Wake(ChangeNotice.Read(item.Data));
            }
            else if (item.EventType == ChangeNotice.DeletedEvent)
            {
                if (ChangeNotice.ReadDeleted(item.Data) is { } deleted)
                {
                    link.Deleted(deleted);
                }
            }
            else if (item.EventType == ChangeNotice.ObjectsEvent)
            {
                if (ChangeNotice.ReadObjects(item.Data) is { } carried)
                {
                    link.Offer(carried);
                }
                else
                {
                    link.Wake(null); // unreadable: pull instead
                }
            }
        }
    }
}

/// <summary>The change-notice stream's events.</summary>
public static class ChangeNotice
{
    /// <summary>A version the stream's viewer may see was accepted; data: <c>{"date_added": "…"}</c>, the newest such version's date.</summary>
    public const string ChangeEvent = "change";

    /// <summary>
    /// Versions the stream's viewer may have, carried in the stream (a stream opened on a collection over the node's
    /// store); data: <c>{"follows": …, "after": …, "last": …, "objects": […]}</c> (<see cref="CarriedObjects"/>).
    /// </summary>
    public const string ObjectsEvent = "objects";

    /// <summary>
    /// A version the stream's viewer was allowed was deleted by the node's administrator; data:
    /// <c>{"id": …, "modified": …, "position": …}</c> (<see cref="DeletionNotice"/>). A stream opened with
    /// <c>deletions_after=N</c> first tells of those after position N of the node's deletion log.
    /// </summary>
    public const string DeletedEvent = "deleted";

    /// <summary>Nothing happened; sent after <see cref="HeartbeatSeconds"/> of silence.</summary>
    public const string HeartbeatEvent = "heartbeat";

    /// <summary>Seconds between heartbeats.</summary>
    public const int HeartbeatSeconds = 15;

    /// <summary>The data of a change event.</summary>
    /// <param name="dateAdded">The newest visible version's <c>date_added</c>.</param>
    public static string Write(DateTimeOffset dateAdded) => $"{{\"date_added\":\"{Taxii.TaxiiTimestamp.ToString(dateAdded)}\"}}";

    /// <summary>The data of an objects event.</summary>
    /// <param name="follows">Whether <paramref name="after"/> is the stream's exact position (else the reader must pull).</param>
    /// <param name="after">The <c>date_added</c> of the last version the stream had read before this event (null with <paramref name="follows"/>: from the start).</param>
    /// <param name="last">The <c>date_added</c> of the last version read for this event, carried or not.</param>
    /// <param name="objects">The versions, in the viewer's form.</param>
    public static string WriteObjects(bool follows, DateTimeOffset? after, DateTimeOffset? last, IReadOnlyList<SharedObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var buffer = new ArrayBufferWriter<byte>(1024 * Math.Max(1, objects.Count));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("follows", follows);
            WriteInstant(writer, "after", after);
            WriteInstant(writer, "last", last);
            writer.WriteStartArray("objects");
            foreach (var shared in objects)
            {
                if (shared.Outcome == SharingOutcome.Allow)
                {
                    writer.WriteRawValue(shared.Stored.Json.Span, skipInputValidation: true);
                }
                else
                {
                    StixJsonWriter.WriteTo(writer, shared.Value);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An objects event's data, or null when it is not one.</summary>
    /// <param name="data">The event's data.</param>
    public static CarriedObjects? ReadObjects(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (StixJsonReader.Parse(data).Value is not { IsObject: true } value || value["objects"] is not { IsArray: true } objects
            || value["follows"] is not { IsBoolean: true } follows)
        {
            return null;
        }

        if (!TryInstant(value["after"], out var after) || !TryInstant(value["last"], out var last) || last is null)
        {
            return null;
        }

        return new CarriedObjects(follows.Kind == StixValueKind.True, after, last.Value, objects.Items.ToArray());
    }

    // Absent or null: null; a TAXII timestamp: its instant; anything else: false.
    private static bool TryInstant(StixValue? value, out DateTimeOffset? instant)
    {
        instant = null;
        if (value is null || value.Kind == StixValueKind.Null)
        {
            return true;
        }

        if (value.AsString() is { } text && Taxii.TaxiiTimestamp.TryParse(text, out var parsed))
        {
            instant = parsed;
            return true;
        }

        return false;
    }

    private static void WriteInstant(Utf8JsonWriter writer, string name, DateTimeOffset? instant)
    {
        if (instant is { } at)
        {
            writer.WriteString(name, Taxii.TaxiiTimestamp.ToString(at));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>The data of a deleted event.</summary>
    /// <param name="notice">The deletion.</param>
    public static string WriteDeleted(DeletionNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", notice.Id);
            if (notice.Modified is { } modified)
            {
                writer.WriteString("modified", modified);
            }

            writer.WriteNumber("position", notice.Position);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The body of a push of deletions (<see cref="FederationPaths.Deletions"/>): <c>{"deletions": [{"id": …, "modified": …, "position": …}, …]}</c>.</summary>
    /// <param name="notices">The deletions.</param>
    public static string WriteDeletions(IReadOnlyList<DeletionNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        return "{\"deletions\":[" + string.Join(",", notices.Select(WriteDeleted)) + "]}";
    }

    /// <summary>The deletions of a push body, or null with the reason when it is not one.</summary>
    /// <param name="data">The body.</param>
    /// <param name="problem">What is wrong with it.</param>
    public static IReadOnlyList<DeletionNotice>? ReadDeletions(string data, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(data);
        var read = StixJsonReader.Parse(data);
        if (read.Value is not { IsObject: true } value || value["deletions"] is not { IsArray: true } items)
        {
            problem = read.Error is { } error ? $"{error.Path}: {error.Message} (offset {error.Offset})" : "$.deletions: a list of deletions is needed";
            return null;
        }

        var notices = new List<DeletionNotice>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items.Items[i];
            var id = item["id"]?.AsString();
            var modified = item["modified"];
            if (id is not { Length: > 0 } || item["position"] is not { IsIntegerNumber: true } position || !position.TryGetInt64(out var at) || at <= 0
                || (modified is not null && modified.AsString() is null))
            {
                problem = $"$.deletions[{i}]: an id, a modified (a string, or absent) and a position (a whole number above 0) are needed";
                return null;
            }

            notices.Add(new DeletionNotice(id, modified?.AsString(), at));
        }

        problem = null;
        return notices;
    }

    /// <summary>A deleted event's data, or null when it is not one.</summary>
    /// <param name="data">The event's data.</param>
    public static DeletionNotice? ReadDeleted(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (StixJsonReader.Parse(data).Value is not { IsObject: true } value || value["id"]?.AsString() is not { Length: > 0 } id
            || value["position"] is not { IsIntegerNumber: true } position || !position.TryGetInt64(out var at) || at <= 0)
        {
            return null;
        }

        var modified = value["modified"];
        return modified is null || modified.AsString() is not null ? new DeletionNotice(id, modified?.AsString(), at) : null;
    }

    /// <summary>The <c>date_added</c> of a change event's data, or null.</summary>
    /// <param name="data">The event's data.</param>
    public static DateTimeOffset? Read(string data)
    {
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.TryGetProperty("date_added", out var value) && Taxii.TaxiiTimestamp.TryParse(value.GetString(), out var instant) ? instant : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A deletion a peer told of.</summary>
/// <param name="Id">The object's id.</param>
/// <param name="Modified">The deleted version's <c>modified</c>; null for an object that is not versioned.</param>
/// <param name="Position">Its position in the peer's deletion log.</param>
public sealed record DeletionNotice(string Id, string? Modified, long Position);

/// <summary>The versions an objects event carried.</summary>
/// <param name="Follows">Whether <paramref name="After"/> is exact: a reader whose cursor is at or past it (any cursor, when it is null) has, with these, every version up to <paramref name="Last"/>.</param>
/// <param name="After">The <c>date_added</c> the event follows on from (null: the start of the feed).</param>
/// <param name="Last">The <c>date_added</c> of the last version the stream read for the event.</param>
/// <param name="Objects">The versions.</param>
public sealed record CarriedObjects(bool Follows, DateTimeOffset? After, DateTimeOffset Last, IReadOnlyList<StixValue> Objects)
{
    /// <summary>Whether a reader whose <c>added_after</c> cursor is <paramref name="cursor"/> can take these as they are.</summary>
    /// <param name="cursor">The reader's cursor (null: it has nothing yet).</param>
    public bool FollowsOn(DateTimeOffset? cursor) => Follows && (After is not { } after || (cursor is { } at && at >= after));
}
