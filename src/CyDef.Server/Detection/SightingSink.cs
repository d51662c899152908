using CyDef.Detection;
using CyDef.Detection.Sightings;
using CyDef.Stix;
using CyDef.Stix.Json;
using CyDef.Storage;
using Microsoft.Extensions.Logging;

namespace CyDef.Server.Detection;

/// <summary>
/// Counts the hits of every sensor of the node into sightings (one aggregator per sensor: indicator × sensor ×
/// window) and writes the changed ones into the store as new sighting versions, through the store's ingest. A
/// sighting written before the node last started is taken up where it stood: its count, first and last seen are
/// added to, and each new version's <c>modified</c> is later than the one stored. A flush that fails keeps its
/// versions for the next one. The sighting of another organisation's TLP:AMBER or TLP:RED indicator names that
/// organisation as a recipient (<see cref="SightingRecipients"/>), so that it flows back to it.
/// </summary>
public sealed partial class SightingSink(IObjectStore store, SensorIdentities identities, DetectionOptions options, TimeProvider clock, ILogger<SightingSink> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SightingAggregator> _sensors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flush = new(1, 1);
    private readonly Dictionary<string, SightingBase> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StixValue> _unwritten = new(StringComparer.Ordinal);
    private readonly SightingRecipients _recipients = new(store, identities.Organization);

    // While the store fails, every flush fails (the flusher's each second, each followed file's at each look): the
    // first failure is logged, then one warning a minute, and the recovery once.
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset? _failingSince;
    private DateTimeOffset _failureLogged;
    private int _failedFlushes;

    /// <summary>Sighting versions written so far.</summary>
    public long Versions { get; private set; }

    /// <summary>Counts a hit of a sensor.</summary>
    /// <param name="sensor">The sensor's name.</param>
    /// <param name="hit">The indicator.</param>
    /// <param name="ticks">When the sensor saw it (UTC ticks).</param>
    public void Add(string sensor, Hit hit, long ticks)
    {
        lock (_lock)
        {
            if (!_sensors.TryGetValue(sensor, out var aggregator))
            {
                _sensors[sensor] = aggregator = new SightingAggregator(new SightingOptions
                {
                    Sensor = sensor, Window = options.Window, IdentityScope = identities.Organization, CreatedByRef = identities.Organization,
                });
            }

            aggregator.Add(hit, ticks);
        }
    }

    /// <summary>
    /// Writes every changed sighting into the store. When the result is <see cref="SightingFlush.Complete"/>, every hit
    /// added before the call is in the store; otherwise the versions not written are kept for the next flush.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for an earlier flush (not a write once begun).</param>
    public async Task<SightingFlush> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flush.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = clock.GetUtcNow().UtcTicks - (2 * options.Window.Ticks);
            foreach (var sighting in TakeChanged(before))
            {
                _unwritten[sighting["id"]!.GetString()] = sighting;
            }

            if (_unwritten.Count == 0)
            {
                return new SightingFlush(0, 0);
            }

            var versions = new List<StixValue>(_unwritten.Count);
            var definitions = new Dictionary<string, StixValue>(StringComparer.Ordinal);
            foreach (var sighting in _unwritten.Values)
            {
                versions.Add(await _recipients.NameProducerAsync(await ContinueAsync(sighting).ConfigureAwait(false), definitions).ConfigureAwait(false));
            }

            if (definitions.Count > 0)
            {
                // Stored before the sightings that refer to them (again: a definition already there is a duplicate).
                var stored = await store.IngestObjectsAsync([.. definitions.Values], IngestOptions.Default, CancellationToken.None).ConfigureAwait(false);
                foreach (var rejection in stored.Rejections)
                {
                    LogRejected(logger, rejection.Id, string.Join("; ", rejection.Reasons));
                }
            }

            var report = await store.IngestObjectsAsync(versions, IngestOptions.Default, CancellationToken.None).ConfigureAwait(false);
            foreach (var rejection in report.Rejections)
            {
                LogRejected(logger, rejection.Id, string.Join("; ", rejection.Reasons));
            }

            _unwritten.Clear();
            Versions += report.Accepted;
            Forget(before);
            if (_failingSince is { } since)
            {
                LogRecovered(logger, report.Accepted, since, _failedFlushes);
                (_failingSince, _failedFlushes) = (null, 0);
            }

            return new SightingFlush((int)report.Accepted, 0);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException or ObjectDisposedException)
        {
            var now = clock.GetUtcNow();
            _failedFlushes++;
            if (_failingSince is not { } since)
            {
                _failingSince = _failureLogged = now;
                LogFlushFailed(logger, _unwritten.Count, e);
            }
            else if (now - _failureLogged >= FailureLogInterval)
            {
                _failureLogged = now;
                LogStillFailing(logger, _failedFlushes, since, _unwritten.Count, e);
            }

            return new SightingFlush(0, _unwritten.Count);
        }
        finally
        {
            _flush.Release();
        }
    }

    // Taking and forgetting under one lock: no hit comes between them, so every aggregate of a window that ended
    // before 'before' is forgotten, and its sighting is continued from the store if a late hit comes.
    private List<StixValue> TakeChanged(long before)
    {
        var changed = new List<StixValue>();
        lock (_lock)
        {
            foreach (var aggregator in _sensors.Values)
            {
                changed.AddRange(aggregator.TakeChanged());
                aggregator.Forget(before);
            }
        }

        return changed;
    }

    // The aggregators count from the node's start; what the store already held of the same sighting is added.
    private async Task<StixValue> ContinueAsync(StixValue sighting)
    {
        var id = sighting["id"]!.GetString();
        if (!_written.TryGetValue(id, out var before))
        {
            var stored = await store.GetAsync(id).ConfigureAwait(false);
            before = stored is not null && StixJsonReader.Parse(stored.Json.Span).Value is { } value ? SightingBase.Of(value) : SightingBase.None;
        }

        var (version, after) = before.Continue(sighting);
        _written[id] = after;
        return version;
    }

    private void Forget(long before)
    {
        foreach (var id in _written.Where(p => p.Value.Window + options.Window.Ticks <= before).Select(p => p.Key).ToList())
        {
            _written.Remove(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Detection: sighting {Id} refused by the store: {Reasons}")]
    private static partial void LogRejected(ILogger logger, string? id, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Detection: {Count} sighting versions could not be written; kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Detection: the store still refuses sightings: {Failed} flushes failed since {Since:u}; {Count} sighting versions kept")]
    private static partial void LogStillFailing(ILogger logger, int failed, DateTimeOffset since, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Detection: the store took {Count} sighting versions again, after {Failed} failed flushes since {Since:u}")]
    private static partial void LogRecovered(ILogger logger, long count, DateTimeOffset since, int failed);
}
