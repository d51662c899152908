using System.Collections.Concurrent;
using CyDef.Detection.Sightings;
using CyDef.Stix;
using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Server.Detection;

/// <summary>
/// The STIX identity of each sensor (<c>identity_class</c> system, created by the node's organisation), the
/// <c>where_sighted_refs</c> of its sightings: its id is a UUIDv5 of the node's organisation and the sensor's name, and
/// it is stored once, the first time the sensor posts.
/// </summary>
/// <param name="store">The node's store.</param>
/// <param name="organization">The node's organisation (identity id).</param>
/// <param name="clock">The clock of <c>created</c>.</param>
public sealed class SensorIdentities(IObjectStore store, string organization, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, string> _stored = new(StringComparer.Ordinal);

    /// <summary>The node's organisation: the scope of sensor names and the creator of sightings.</summary>
    public string Organization => organization;

    /// <summary>The identity id of a sensor.</summary>
    /// <param name="sensor">Its name.</param>
    public string IdOf(string sensor) => SightingAggregator.IdentityOf(sensor, organization);

    /// <summary>The sensor's identity id, after storing its identity when the store has none.</summary>
    /// <param name="sensor">Its name.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<string> EnsureAsync(string sensor, CancellationToken cancellationToken)
    {
        if (_stored.TryGetValue(sensor, out var known))
        {
            return known;
        }

        var id = IdOf(sensor);
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            var report = await store.IngestObjectsAsync([Identity(id, sensor)], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (report.Rejected > 0)
            {
                throw new InvalidOperationException($"The identity of sensor '{sensor}' was refused: {report.Rejections.FirstOrDefault()?.Reasons.FirstOrDefault()}");
            }
        }

        _stored[sensor] = id;
        return id;
    }

    private StixValue Identity(string id, string sensor)
    {
        var now = StixValue.String(StixTimestamp.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString());
        return StixValue.Object(
        [
            new("type", StixValue.String("identity")),
            new("spec_version", StixValue.String("2.1")),
            new("id", StixValue.String(id)),
            new("created_by_ref", StixValue.String(organization)),
            new("created", now),
            new("modified", now),
            new("name", StixValue.String(sensor)),
            new("description", StixValue.String("A sensor whose events this node matches against its indicators.")),
            new("identity_class", StixValue.String("system")),
        ]);
    }
}
