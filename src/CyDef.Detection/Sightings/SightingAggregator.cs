using System.Globalization;
using System.Runtime.InteropServices;
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

    // Small counts, the most common, made once and shared by the sightings that have them.
    private static readonly StixValue[] SmallCounts = [.. Enumerable.Range(0, 256).Select(n => StixValue.Number(n))];

    private readonly Dictionary<AggregateKey, int> _positions = [];
    private Aggregate[] _aggregates = new Aggregate[16];
    private int _count;

    // The indicator ids that are not indicator-- and a lower-case UUID, numbered from 1 (rare: the index's ids are canonical).
    private Dictionary<string, int> _otherIds = new(StringComparer.Ordinal);
    private List<string> _others = [];

    private readonly SightingOptions _options;
    private readonly long _window;
    private readonly StixValue _whereSighted;
    private readonly StixValue? _createdBy;
    private (long Window, StixValue Value)? _created;

    // Each set of markings' object_marking_refs, made once (the index's arrays are shared by every indicator with the
    // same markings, so few sets exist).
    private readonly Dictionary<string[], StixValue> _markingRefs = new(ReferenceEqualityComparer.Instance);

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
    public int Count => _count;

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
        var key = KeyOf(hit.IndicatorId, window);
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(_positions, key, out var exists);
        if (!exists)
        {
            position = _count;
            if (_count == _aggregates.Length)
            {
                Array.Resize(ref _aggregates, _count * 2);
            }

            _aggregates[_count++] = new Aggregate { Key = key, Markings = hit.Markings, FirstSeen = long.MaxValue, LastSeen = long.MinValue };
        }

        ref var aggregate = ref _aggregates[position];
        aggregate.Count++;
        aggregate.FirstSeen = Math.Min(aggregate.FirstSeen, ticks);
        aggregate.LastSeen = Math.Max(aggregate.LastSeen, ticks);
        aggregate.Changed = true;
        Hits++;
    }

    /// <summary>A new version of every sighting whose aggregate changed since the last call, in id order.</summary>
    public IReadOnlyList<StixValue> TakeChanged()
    {
        // The parts every version shares (the id's UUIDv5 above all) are made again for each version rather than kept:
        // the aggregates then refer to nothing the collector must trace, however many there are.
        var changed = new List<(Aggregate.Fixed Parts, int At)>();
        for (var i = 0; i < _count; i++)
        {
            ref var aggregate = ref _aggregates[i];
            if (aggregate.Changed)
            {
                aggregate.Changed = false;
                aggregate.Written = Math.Max(Millis(Math.Max(aggregate.LastSeen, aggregate.Key.Window)), aggregate.Written + TimeSpan.TicksPerMillisecond);
                changed.Add((FixedParts(aggregate), i));
            }
        }

        changed.Sort(static (x, y) => string.CompareOrdinal(x.Parts.Id, y.Parts.Id));
        var sightings = new StixValue[changed.Count];
        for (var i = 0; i < sightings.Length; i++)
        {
            sightings[i] = ToSighting(_aggregates[changed[i].At], changed[i].Parts);
        }

        return sightings;
    }

    /// <summary>Forgets the aggregates of windows that ended before <paramref name="before"/> (after they were taken).</summary>
    /// <param name="before">UTC ticks.</param>
    public void Forget(long before)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_aggregates[i].Changed || _aggregates[i].Key.Window + _window > before)
            {
                _aggregates[kept++] = _aggregates[i];
            }
        }

        if (kept == _count)
        {
            return;
        }

        Array.Clear(_aggregates, kept, _count - kept);
        _count = kept;

        // The kept aggregates' other ids numbered again, and their positions found again.
        var others = _others;
        (_otherIds, _others) = (new Dictionary<string, int>(StringComparer.Ordinal), []);
        _positions.Clear();
        for (var i = 0; i < _count; i++)
        {
            ref var aggregate = ref _aggregates[i];
            if (aggregate.Key.Other > 0)
            {
                aggregate.Key = aggregate.Key with { Other = OtherNumber(others[aggregate.Key.Other - 1]) };
            }

            _positions[aggregate.Key] = i;
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

    /// <summary>A version of the aggregate's sighting, with the parts that every version has (the type, the sensor, a window's <c>created</c> are shared between sightings).</summary>
    private StixValue ToSighting(in Aggregate a, Aggregate.Fixed parts)
    {
        var properties = new StixProperty[10 + (_createdBy is null ? 0 : 1) + (parts.MarkingRefs is null ? 0 : 1)];
        var n = 0;
        properties[n++] = new("type", SightingType);
        properties[n++] = new("spec_version", SpecVersion);
        properties[n++] = new("id", parts.IdValue);
        properties[n++] = new("created", Created(a.Key.Window));
        properties[n++] = new("modified", Time(a.Written, 3));
        if (_createdBy is not null)
        {
            properties[n++] = new("created_by_ref", _createdBy);
        }

        properties[n++] = new("first_seen", Time(a.FirstSeen, 6));
        properties[n++] = new("last_seen", Time(a.LastSeen, 6));
        properties[n++] = new("count", a.Count < SmallCounts.Length ? SmallCounts[a.Count] : StixValue.Number(Math.Min(a.Count, MaxCount)));
        properties[n++] = new("sighting_of_ref", parts.Of);
        properties[n++] = new("where_sighted_refs", _whereSighted);
        if (parts.MarkingRefs is not null)
        {
            properties[n++] = new("object_marking_refs", parts.MarkingRefs);
        }

        return StixValue.Object(properties);
    }

    /// <summary>The parts of an aggregate's sighting that every version shares: its id (a UUIDv5 of the indicator, the sensor's identity and the window), the indicator, the markings.</summary>
    private Aggregate.Fixed FixedParts(in Aggregate a)
    {
        var indicatorId = IndicatorIdOf(a.Key);

        // The name in UTF-8 straight into a buffer: on the stack for ids of usual length (at most 3 bytes a character).
        var most = (3 * (indicatorId.Length + SensorIdentityId.Length)) + 22;
        var name = most <= 512 ? stackalloc byte[most] : new byte[most];
        System.Text.Unicode.Utf8.TryWrite(name, CultureInfo.InvariantCulture, $"{indicatorId}|{SensorIdentityId}|{a.Key.Window}", out var written);
        var uuid = DeterministicId.UuidV5(Namespace, name[..written]);
        var id = string.Create(46, uuid, static (text, uuid) =>
        {
            "sighting--".CopyTo(text);
            uuid.TryFormat(text[10..], out _);
        });
        return new Aggregate.Fixed(id, StixValue.String(id), StixValue.String(indicatorId), a.Markings.Length > 0 ? MarkingRefs(a.Markings) : null);
    }

    /// <summary>The <c>object_marking_refs</c> of a set of markings, made once per set (the set of a hit is never changed; at most 1,024 sets are kept).</summary>
    private StixValue MarkingRefs(string[] markings)
    {
        if (_markingRefs.Count >= 1024 && !_markingRefs.ContainsKey(markings))
        {
            _markingRefs.Clear();
        }

        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(_markingRefs, markings, out var exists);
        if (!exists)
        {
            value = StixValue.Array(markings);
        }

        return value!;
    }

    /// <summary>The key of an indicator's aggregate in a window: by its UUID when its id is canonical, else by its number among the other ids.</summary>
    private AggregateKey KeyOf(string indicatorId, long window) =>
        IndicatorIds.TryCanonical(indicatorId, out var indicator)
            ? new AggregateKey(indicator, 0, window)
            : new AggregateKey(default, OtherNumber(indicatorId), window);

    private int OtherNumber(string indicatorId)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_otherIds, indicatorId, out var exists);
        if (!exists)
        {
            _others.Add(indicatorId);
            number = _others.Count;
        }

        return number;
    }

    /// <summary>The indicator id an aggregate key stands for (a canonical id is written again from its UUID, as it was).</summary>
    private string IndicatorIdOf(in AggregateKey key) => key.Other > 0 ? _others[key.Other - 1] : IndicatorIds.Of(key.Indicator);

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
