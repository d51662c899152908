using System.Text.Json;
using CyDef.Detection;
using CyDef.Detection.Sightings;
using CyDef.Storage;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Net.Http.Headers;

namespace CyDef.Server.Detection;

/// <summary>
/// <c>POST /api/v1/sensors/{sensor}/events</c>: a batch (or a long stream) of sensor output — Suricata EVE, Zeek or
/// CEF lines — read as it arrives (the body is never held whole: no size limit, no minimum rate), matched against the
/// node's indicators, its hits counted into sightings of the sensor; answered, once the batch's sightings are in the
/// store, with the counts. Bad lines are counted by reason and skipped; the stream goes on.
/// </summary>
internal static class SensorEventsEndpoint
{
    public static async Task<IResult> PostAsync(string sensor, string? format, HttpContext http, IndicatorFollower follower, SightingSink sink,
        SensorIdentities identities, DetectionOptions options, IObjectStore store, SharingGate sharing, CancellationToken cancellationToken)
    {
        if (SensorProblems.Check(sensor, options) is { } problem)
        {
            return problem;
        }

        var formatName = format ?? FormatOf(http.Request.ContentType) ?? "eve";
        if (!TryParseFormat(formatName, out var sensorFormat))
        {
            return Results.Problem($"'{formatName}' is not a sensor format: eve, zeek or cef (the query's format, or the Content-Type's format parameter).",
                statusCode: StatusCodes.Status400BadRequest, title: "Unknown format");
        }

        Unlimit(http);
        await follower.WaitForAsync(0, cancellationToken).ConfigureAwait(false);
        var identity = await identities.EnsureAsync(sensor, cancellationToken).ConfigureAwait(false);
        var hits = new Dictionary<string, long>(StringComparer.Ordinal);
        var session = new DetectionSession(follower.Index, sensorFormat, new SightingAggregator(new SightingOptions { Sensor = sensor }), onHit: (hit, ticks) =>
        {
            sink.Add(sensor, hit, ticks);
            hits[hit.IndicatorId] = hits.GetValueOrDefault(hit.IndicatorId) + 1;
        });
        try
        {
            await session.ProcessAsync(http.Request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await sink.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return Results.Problem($"The body could not be read after line {session.Stats.Lines}: {e.Message}", statusCode: e.StatusCode, title: "Unreadable body");
        }

        // The answer says the batch is taken only once its sightings are in the store: a node that crashed after
        // answering otherwise would lose hits the sensor believes delivered.
        if (await sink.FlushAsync(cancellationToken).ConfigureAwait(false) is { Complete: false } flush)
        {
            return Results.Problem(
                $"The batch was read ({session.Stats.Lines} lines, {session.Stats.Events} events) but the store could not take its sightings "
                + $"({flush.Pending} versions wait; the node's log says why). They are kept and written once the store takes them, unless the node "
                + "stops first; a batch sent again counts its hits again.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Sightings not stored");
        }

        var visible = await VisibleHitsAsync(sharing.View(store, http), hits, cancellationToken).ConfigureAwait(false);
        return Results.Ok(Result(sensor, identity, formatName.ToLowerInvariant(), session.Stats, visible));
    }

    private static bool TryParseFormat(string text, out SensorFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format) && text.Length > 0 && !char.IsDigit(text[0]);

    // A Content-Type such as application/x-ndjson; format=zeek.
    private static string? FormatOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
            ? media.Parameters.FirstOrDefault(p => p.Name.Equals("format", StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"')
            : null;

    // A sensor may stream for as long as it runs, as slowly as its traffic is.
    private static void Unlimit(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }

    // The counts name only what the caller may see: a hit on an indicator it may not read is not told.
    private static async Task<long> VisibleHitsAsync(Storage.Sharing.PolicyView view, Dictionary<string, long> hits, CancellationToken cancellationToken)
    {
        long visible = 0;
        foreach (var (id, count) in hits)
        {
            if (await view.GetAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                visible += count;
            }
        }

        return visible;
    }

    private static SensorBatchResult Result(string sensor, string identity, string format, DetectionStats stats, long hits)
    {
        var by = Enum.GetValues<SkipReason>().Where(r => stats.SkippedFor(r) > 0).ToDictionary(Name, stats.SkippedFor);
        return new SensorBatchResult(sensor, identity, format, stats.Lines, stats.Events, hits, stats.Skipped, by,
            stats.FirstSkipped.Select(s => new SkippedLine(s.Line, Name(s.Reason))).ToList());
    }

    private static string Name(SkipReason reason) => JsonNamingPolicy.KebabCaseLower.ConvertName(reason.ToString());
}
