using System.Globalization;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Detection.Sightings;

/// <summary>
/// Turns hits into STIX 2.1 sightings (§5.5): one per indicator × sensor × window, with <c>count</c>,
/// <c>first_seen</c> and <c>last_seen</c>, so that a flood of hits updates one object. Its id is a UUIDv5 of the
/// indicator, the sensor's identity and the window, so running the same input again gives the same sightings; each
/// time an aggregate changes, <see cref="TakeChanged"/> gives a new version (a later <c>modified</c>, a higher count).
/// The sighting carries the indicator's markings: it tells who saw the indicator, and goes no further than it.
/// Not thread-safe: one per stream, or locked by the caller.
/// </summary>
public sealed class SightingAggregator
{
    /// <summary>The namespace of CyDef's derived ids (sightings, sensor identities).</summary>
    public static readonly Guid Namespace = new("6d1f3c52-8f0a-4c55-9b5e-3f1f4d2a7c10");

    private const long MaxCount = 999_999_999;

    private static readonly StixValue SightingType = StixValue.String("sighting");
    private static readonly StixValue SpecVersion = StixValue.String("2.1");

    private readonly Dictionary<(string, long), Aggregate> _aggregates = [];
    private readonly SightingOptions _options;
    private readonly long _window;
    private readonly StixValue _whereSighted;
    private readonly StixValue? _createdBy;
    private (long Window, StixValue Value)? _created;

    /// <summary>Creates an aggregator.</summary>
    /// <param name="options">The sensor, the window and the creator.</param>
    public SightingAggregator(SightingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, TimeSpan.FromSeconds(1));
        _options = options;
        _window = options.Window.Ticks;
        SensorIdentityId = IdentityOf(options.Sensor, options.IdentityScope);
        _whereSighted = StixValue.Array([StixValue.String(SensorIdentityId)]);
        _createdBy = options.CreatedByRef is { } creator ? StixValue.String(creator) : null;
    }

    /// <summary>The sensor's identity id (<c>where_sighted_refs</c>).</summary>
    public string SensorIdentityId { get; }

    /// <summary>How many sightings (aggregates) there are.</summary>
    public int Count => _aggregates.Count;

    /// <summary>Hits counted in all.</summary>
    public long Hits { get; private set; }

    /// <summary>The identity id of a sensor name.</summary>
    /// <param name="sensor">The name.</param>
    /// <param name="scope">What the name is scoped to (a node's organisation), or null.</param>
    public static string IdentityOf(string sensor, string? scope = null) =>
        "identity--" + DeterministicId.UuidV5(Namespace, scope is null ? "sensor:" + sensor : "sensor:" + scope + ":" + sensor);

    /// <summary>Counts a hit.</summary>
    /// <param name="hit">The indicator.</param>
    /// <param name="ticks">When the sensor saw it (UTC ticks).</param>
    public void Add(Hit hit, long ticks)
    {
        var window = ticks - (ticks % _window);
        if (!_aggregates.TryGetValue((hit.IndicatorId, window), out var aggregate))
        {
            _aggregates[(hit.IndicatorId, window)] = aggregate = new Aggregate(hit.IndicatorId, hit.Markings, window);
        }

        aggregate.Count++;
        aggregate.FirstSeen = Math.Min(aggregate.FirstSeen, ticks);
        aggregate.LastSeen = Math.Max(aggregate.LastSeen, ticks);
        aggregate.Changed = true;
        Hits++;
    }

    /// <summary>A new version of every sighting whose aggregate changed since the last call, in id order.</summary>
    public IReadOnlyList<StixValue> TakeChanged()
    {
        var changed = new List<Aggregate>();
        foreach (var aggregate in _aggregates.Values)
        {
            if (aggregate.Changed)
            {
                aggregate.Changed = false;
                aggregate.Written = Math.Max(Millis(Math.Max(aggregate.LastSeen, aggregate.Window)), aggregate.Written + TimeSpan.TicksPerMillisecond);
                aggregate.Parts ??= FixedParts(aggregate);
                changed.Add(aggregate);
            }
        }

        changed.Sort(static (x, y) => string.CompareOrdinal(x.Parts!.Id, y.Parts!.Id));
        var sightings = new StixValue[changed.Count];
        for (var i = 0; i < sightings.Length; i++)
        {
            sightings[i] = ToSighting(changed[i]);
        }

        return sightings;
    }

    /// <summary>Forgets the aggregates of windows that ended before <paramref name="before"/> (after they were taken).</summary>
    /// <param name="before">UTC ticks.</param>
    public void Forget(long before)
    {
        foreach (var key in _aggregates.Where(p => !p.Value.Changed && p.Value.Window + _window <= before).Select(p => p.Key).ToList())
        {
            _aggregates.Remove(key);
        }
    }

    /// <summary>The sensor's identity object (<c>identity_class</c> system), to go with the sightings.</summary>
    public StixValue SensorIdentity() => StixValue.Object(
    [
        new("type", StixValue.String("identity")),
        new("spec_version", StixValue.String("2.1")),
        new("id", StixValue.String(SensorIdentityId)),
        new("created", StixValue.String("2020-01-01T00:00:00.000Z")),
        new("modified", StixValue.String("2020-01-01T00:00:00.000Z")),
        new("name", StixValue.String(_options.Sensor)),
        new("identity_class", StixValue.String("system")),
    ]);

    /// <summary>A version of the aggregate's sighting: what never changes is shared between versions and with the aggregator's other sightings.</summary>
    private StixValue ToSighting(Aggregate a)
    {
        var parts = a.Parts!;
        var properties = new StixProperty[10 + (_createdBy is null ? 0 : 1) + (parts.MarkingRefs is null ? 0 : 1)];
        var n = 0;
        properties[n++] = new("type", SightingType);
        properties[n++] = new("spec_version", SpecVersion);
        properties[n++] = new("id", parts.IdValue);
        properties[n++] = new("created", Created(a.Window));
        properties[n++] = new("modified", Time(a.Written, 3));
        if (_createdBy is not null)
        {
            properties[n++] = new("created_by_ref", _createdBy);
        }

        properties[n++] = new("first_seen", Time(a.FirstSeen, 6));
        properties[n++] = new("last_seen", Time(a.LastSeen, 6));
        properties[n++] = new("count", StixValue.Number(Math.Min(a.Count, MaxCount)));
        properties[n++] = new("sighting_of_ref", parts.Of);
        properties[n++] = new("where_sighted_refs", _whereSighted);
        if (parts.MarkingRefs is not null)
        {
            properties[n++] = new("object_marking_refs", parts.MarkingRefs);
        }

        return StixValue.Object(properties);
    }

    /// <summary>The parts of an aggregate's sighting that every version shares: its id (a UUIDv5 of the indicator, the sensor's identity and the window), the indicator, the markings.</summary>
    private Aggregate.Fixed FixedParts(Aggregate a)
    {
        // The name in UTF-8 straight into a buffer: on the stack for ids of usual length (at most 3 bytes a character).
        var most = (3 * (a.IndicatorId.Length + SensorIdentityId.Length)) + 22;
        var name = most <= 512 ? stackalloc byte[most] : new byte[most];
        System.Text.Unicode.Utf8.TryWrite(name, CultureInfo.InvariantCulture, $"{a.IndicatorId}|{SensorIdentityId}|{a.Window}", out var written);
        var uuid = DeterministicId.UuidV5(Namespace, name[..written]);
        var id = string.Create(46, uuid, static (text, uuid) =>
        {
            "sighting--".CopyTo(text);
            uuid.TryFormat(text[10..], out _);
        });
        return new Aggregate.Fixed(id, StixValue.String(id), StixValue.String(a.IndicatorId), a.Markings.Length > 0 ? StixValue.Array(a.Markings) : null);
    }

    /// <summary>A window's start as <c>created</c>: a sighting of the same window as the one made before shares its value.</summary>
    private StixValue Created(long window)
    {
        if (_created is not { } created || created.Window != window)
        {
            _created = created = (window, Time(window, 3));
        }

        return created.Value;
    }

    private static long Millis(long ticks) => ticks - (ticks % TimeSpan.TicksPerMillisecond);

    private static StixValue Time(long ticks, int digits) =>
        StixValue.String(StixTimestamp.FromDateTime(new DateTime(ticks, DateTimeKind.Utc), digits).ToString());
}
