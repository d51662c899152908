using System.Globalization;
using CyDef.Sharing;
using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Server.Web.Picture;

public sealed partial class PictureIndex
{
    /// <summary>How far back the dashboard's recent activity reaches.</summary>
    public static readonly TimeSpan ActivityWindow = TimeSpan.FromDays(30);

    // The types whose newest versions, when recent, are activity: what they refer to is "in recent activity".
    private static readonly HashSet<string> ActivityTypes = new(StringComparer.Ordinal) { "sighting", "relationship", "report", "incident" };

    // The newest version of each recent activity object, by id hash; entries older than the window go at the next count.
    private readonly Dictionary<ulong, ActivityEntry> _activity = [];

    // Location id hash → ISO 3166-1 alpha-2 country of its newest version.
    private readonly Dictionary<ulong, string> _countries = [];

    // Identity id hash → (located-at relationship id hash → location id).
    private readonly Dictionary<ulong, Dictionary<ulong, string>> _locatedAt = [];

    /// <summary>
    /// The recent activity <paramref name="viewer"/> may see (the last <see cref="ActivityWindow"/> before
    /// <paramref name="now"/>), asking <paramref name="policy"/> once per policy class. An activity object (sighting,
    /// relationship, report, incident) counts only when the viewer may have it whole (not redacted: a removed part
    /// could be what it refers to), and what it refers to, where it was sighted and the relationship that places a
    /// sensor in a country count only when the viewer may see them too. Ids come out for the caller to read through
    /// the viewer's policy view (names are never kept here).
    /// </summary>
    /// <param name="policy">The node's sharing policy.</param>
    /// <param name="viewer">Who looks.</param>
    /// <param name="now">The end of the window.</param>
    public ActivityCounts Activity(SharingPolicy policy, Viewer viewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(viewer);
        var from = (now - ActivityWindow).UtcTicks;
        var dayAgo = (now - TimeSpan.FromDays(1)).UtcTicks;
        var weekAgo = (now - TimeSpan.FromDays(7)).UtcTicks;
        var whole = new Dictionary<int, bool>();
        var seen = new Dictionary<int, bool>();
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        var countries = new Dictionary<string, int>(StringComparer.Ordinal);
        var sensors = new Dictionary<string, (int Sightings, long Events)>(StringComparer.Ordinal);
        int sightingsDay = 0, sightingsBefore = 0, incidentsDay = 0, incidentsWeek = 0;

        lock (_lock)
        {
            foreach (var hash in _activity.Where(a => a.Value.Ticks < from).Select(a => a.Key).ToList())
            {
                _activity.Remove(hash);
            }

            foreach (var activity in _activity.Values)
            {
                if (activity.Ticks > now.UtcTicks || !Whole(activity.Class))
                {
                    continue;
                }

                switch (_classes[activity.Class].Type)
                {
                    case "incident":
                        incidentsWeek += activity.Ticks >= weekAgo ? 1 : 0;
                        incidentsDay += activity.Ticks >= dayAgo ? 1 : 0;
                        break;
                    case "sighting" when activity.Ticks >= dayAgo:
                        sightingsDay++;
                        Places(activity, countries);
                        foreach (var where in activity.Where)
                        {
                            if (where.StartsWith("identity--", StringComparison.Ordinal) && Sees(where))
                            {
                                var (n, events) = sensors.GetValueOrDefault(where);
                                sensors[where] = (n + 1, events + activity.Count);
                            }
                        }

                        break;
                    case "sighting":
                        sightingsBefore++;
                        Places(activity, countries);
                        break;
                }

                foreach (var target in activity.Refs.Distinct(StringComparer.Ordinal))
                {
                    if (Sees(target))
                    {
                        targets[target] = targets.GetValueOrDefault(target) + 1;
                    }
                }
            }
        }

        return new ActivityCounts(
            Ranked(targets, "threat-actor--", "intrusion-set--"),
            Ranked(targets, "malware--"),
            Ranked(targets, "attack-pattern--"),
            countries,
            sensors.OrderByDescending(s => s.Value.Events).Select(s => new SensorActivity(s.Key, s.Value.Sightings, s.Value.Events)).ToList(),
            sightingsDay,
            sightingsBefore,
            incidentsDay,
            incidentsWeek);

        // Both under the lock: classes and the maps change only under it.
        bool Whole(int index)
        {
            if (!whole.TryGetValue(index, out var allowed))
            {
                whole[index] = allowed = policy.Decide(_classes[index].Representative, viewer).Outcome == SharingOutcome.Allow;
            }

            return allowed;
        }

        bool Sees(string id)
        {
            if (!_latest.TryGetValue(IdHash(id), out var latest))
            {
                return false;
            }

            if (!seen.TryGetValue(latest.Class, out var allowed))
            {
                seen[latest.Class] = allowed = policy.CanSee(_classes[latest.Class].Representative, viewer);
            }

            return allowed;
        }

        // The countries a sighting was sighted in, each once: locations it names, and the locations that the identities
        // it names are located at (through relationships the viewer may have). Both must be the viewer's to have whole.
        void Places(ActivityEntry sighting, Dictionary<string, int> counted)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var where in sighting.Where)
            {
                if (where.StartsWith("location--", StringComparison.Ordinal))
                {
                    AddCountry(where, found);
                }
                else if (_locatedAt.TryGetValue(IdHash(where), out var relationships) && Sees(where))
                {
                    foreach (var (relationship, location) in relationships)
                    {
                        if (_latest.TryGetValue(relationship, out var latest) && Whole(latest.Class))
                        {
                            AddCountry(location, found);
                        }
                    }
                }
            }

            foreach (var country in found)
            {
                counted[country] = counted.GetValueOrDefault(country) + 1;
            }
        }

        void AddCountry(string location, HashSet<string> found)
        {
            var hash = IdHash(location);
            if (_countries.TryGetValue(hash, out var country) && _latest.TryGetValue(hash, out var latest) && Whole(latest.Class))
            {
                found.Add(country);
            }
        }
    }

    private static IReadOnlyList<(string Id, int Count)> Ranked(Dictionary<string, int> targets, params string[] prefixes) =>
        targets.Where(t => prefixes.Any(p => t.Key.StartsWith(p, StringComparison.Ordinal)))
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (t.Key, t.Value)).ToList();

    // Called under the lock for the newest version of each object.
    // A deleted object is no longer activity, a place or a sensor's location.
    private void ForgetActivity(ulong hash)
    {
        _activity.Remove(hash);
        _countries.Remove(hash);
        foreach (var places in _locatedAt.Values)
        {
            places.Remove(hash);
        }
    }

    private void TakeActivity(StoredObject stored, StixValue value, ulong hash, int index)
    {
        var revoked = value["revoked"] is { IsBoolean: true } r && r.GetBoolean();
        switch (stored.Type)
        {
            case "location":
                if (!revoked && value["country"]?.AsString() is { Length: 2 } country)
                {
                    _countries[hash] = country.ToUpperInvariant();
                }
                else
                {
                    _countries.Remove(hash);
                }

                break;
            case "relationship" when value["relationship_type"]?.AsString() == "located-at"
                && value["source_ref"]?.AsString() is { } source && value["target_ref"]?.AsString() is { } target
                && target.StartsWith("location--", StringComparison.Ordinal):
                if (!_locatedAt.TryGetValue(IdHash(source), out var places))
                {
                    _locatedAt[IdHash(source)] = places = [];
                }

                if (revoked)
                {
                    places.Remove(hash);
                }
                else
                {
                    places[hash] = target;
                }

                break;
        }

        if (!ActivityTypes.Contains(stored.Type))
        {
            return;
        }

        var ticks = ActivityTicks(stored.Type, value);
        if (revoked || ticks < (DateTimeOffset.UtcNow - ActivityWindow).UtcTicks)
        {
            _activity.Remove(hash);
            return;
        }

        string[] refs = stored.Type switch
        {
            "sighting" => Strings(value["sighting_of_ref"]),
            "relationship" => [.. Strings(value["source_ref"]), .. Strings(value["target_ref"])],
            "report" => Strings(value["object_refs"]),
            _ => [],
        };
        var count = stored.Type == "sighting" && value["count"] is { } n && n.TryGetInt64(out var c) ? Math.Max(1, c) : 1;
        _activity[hash] = new ActivityEntry(index, ticks, refs, stored.Type == "sighting" ? Strings(value["where_sighted_refs"]) : [], count);
    }

    // When an activity object happened: a sighting when last (else first) seen, a report when published, else when
    // the version was made (modified, else created).
    private static long ActivityTicks(string type, StixValue value)
    {
        string[] properties = type switch
        {
            "sighting" => ["last_seen", "first_seen", "modified", "created"],
            "report" => ["published", "modified", "created"],
            _ => ["modified", "created"],
        };
        foreach (var property in properties)
        {
            if (value[property]?.AsString() is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at.UtcTicks;
            }
        }

        return 0;
    }

    private static string[] Strings(StixValue? value) => value switch
    {
        { IsString: true } single => [single.GetString()],
        { IsArray: true } many => [.. many.Items[..Math.Min(many.Count, 200)].ToArray().Select(i => i.AsString()).OfType<string>()],
        _ => [],
    };

    private sealed record ActivityEntry(int Class, long Ticks, string[] Refs, string[] Where, long Count);
}

/// <summary>One place where sightings were made (a sensor) and how much it saw in the last 24 hours.</summary>
/// <param name="Id">The identity's id (read it through the viewer's policy view).</param>
/// <param name="Sightings">Sightings made there in the last 24 hours.</param>
/// <param name="Events">Events they count (the sightings' <c>count</c>, 1 when absent).</param>
public sealed record SensorActivity(string Id, int Sightings, long Events);

/// <summary>The recent activity one viewer may see (<see cref="PictureIndex.Activity"/>).</summary>
/// <param name="Actors">Threat actors and intrusion sets referred to by recent activity, with how many activity objects refer to each, most first.</param>
/// <param name="Malware">Malware, the same way.</param>
/// <param name="Techniques">Attack patterns, the same way (the reader keeps the ATT&amp;CK ones).</param>
/// <param name="Countries">Sightings of the window by country (ISO 3166-1 alpha-2).</param>
/// <param name="Sensors">Identities where sightings were made in the last 24 hours.</param>
/// <param name="SightingsLastDay">Sightings in the last 24 hours.</param>
/// <param name="SightingsBefore">Sightings in the rest of the window.</param>
/// <param name="IncidentsLastDay">Incidents made or changed in the last 24 hours.</param>
/// <param name="IncidentsLastWeek">Incidents made or changed in the last 7 days.</param>
public sealed record ActivityCounts(
    IReadOnlyList<(string Id, int Count)> Actors,
    IReadOnlyList<(string Id, int Count)> Malware,
    IReadOnlyList<(string Id, int Count)> Techniques,
    IReadOnlyDictionary<string, int> Countries,
    IReadOnlyList<SensorActivity> Sensors,
    int SightingsLastDay,
    int SightingsBefore,
    int IncidentsLastDay,
    int IncidentsLastWeek);
