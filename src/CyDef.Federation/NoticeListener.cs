using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Keeps a peer's change-notice stream (<see cref="FederationPaths.ChangeStream"/>, server-sent events) open and wakes
/// the pull link on each notice, and on each (re)connection so that what was missed meanwhile is pulled. A stream
/// silent for longer than three heartbeats is dropped; reconnection waits 0.25 s, doubling to 5 s.
/// </summary>
internal sealed class NoticeListener(PullLink link, HttpClient http, ILogger logger)
{
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3 * ChangeNotice.HeartbeatSeconds);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

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
        using var request = new HttpRequestMessage(HttpMethod.Get, link.Peer.NoticeUrl());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
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
        }
    }
}

/// <summary>The change-notice stream's events.</summary>
public static class ChangeNotice
{
    /// <summary>A version the stream's viewer may see was accepted; data: <c>{"date_added": "…"}</c>, the newest such version's date.</summary>
    public const string ChangeEvent = "change";

    /// <summary>Nothing happened; sent after <see cref="HeartbeatSeconds"/> of silence.</summary>
    public const string HeartbeatEvent = "heartbeat";

    /// <summary>Seconds between heartbeats.</summary>
    public const int HeartbeatSeconds = 15;

    /// <summary>The data of a change event.</summary>
    /// <param name="dateAdded">The newest visible version's <c>date_added</c>.</param>
    public static string Write(DateTimeOffset dateAdded) => $"{{\"date_added\":\"{Taxii.TaxiiTimestamp.ToString(dateAdded)}\"}}";

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
