using CyDef.Federation;
using CyDef.Server.Web.Picture;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyDef.Web.Tests;

/// <summary>The dashboard's counts equal, for every viewer, counting what the viewer's policy view gives one object at a time.</summary>
public sealed class PictureIndexTests : IAsyncLifetime
{
    private const string Node = "identity--00000000-0000-4000-8000-000000000001";
    private const string Partner = "identity--00000000-0000-4000-8000-000000000002";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-picture-" + Guid.NewGuid().ToString("N"));
    private IObjectStore _store = null!;
    private SharingPolicy _policy = null!;

    private static readonly StixValue Secret = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), Node);
    private static readonly StixValue Restricted = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Restricted), Node);
    private static readonly StixValue RelToFr = CyDefMarkings.Definition(
        new HandlingMarking("", ClassificationLevel.Unclassified, new Releasability(new HashSet<string> { "FR" }, new HashSet<string>(), new HashSet<string>())), Node);

    private static readonly Viewer[] Viewers =
    [
        new(ViewerKind.User, Node, ClassificationLevel.Unclassified, "DE", new HashSet<string>(), new HashSet<string>()),
        new(ViewerKind.User, Node, ClassificationLevel.Secret, "FR", new HashSet<string>(), new HashSet<string>()),
        new(ViewerKind.Peer, Partner, ClassificationLevel.Restricted, "FR", new HashSet<string>(), new HashSet<string>()),
        new(ViewerKind.Peer, Partner, ClassificationLevel.Unclassified, "DE", new HashSet<string>(), new HashSet<string>()),
    ];

    public async Task InitializeAsync()
    {
        _store = await SqliteObjectStore.OpenAsync(_folder);
        var markings = new MarkingRegistry { Lookup = id => _store.GetAsync(id).GetAwaiter().GetResult() is { } s ? StixJsonReader.Parse(s.Json.Span).Value : null };
        _policy = new SharingPolicy(markings, new NodeIdentity(Node, new HashSet<string>()));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Count_RandomMarkingsAndNewVersions_EqualsPolicyViewForEveryViewer()
    {
        var random = new Random(7);
        var objects = new List<StixValue> { Secret, Restricted, RelToFr };
        var ids = new List<(string Id, string Type)>();
        for (var i = 0; i < 400; i++)
        {
            var type = random.Next(3) switch { 0 => "indicator", 1 => "malware", _ => "sighting" };
            var id = $"{type}--{Guid.NewGuid()}";
            ids.Add((id, type));
            objects.Add(Object(type, id, "2026-01-01T00:00:00.000Z", random));
        }

        await _store.IngestObjectsAsync(objects);
        await using var watcher = new ChangeFeedWatcher(_store);
        using var index = new PictureIndex(_store, watcher, NullLogger<PictureIndex>.Instance);
        await index.StartAsync(CancellationToken.None);
        await index.WaitForAsync(await _store.GetLastSequenceAsync());
        await AssertCountsAsync(index);

        // New versions with other markings, and an older version arriving late: the counts follow the newest versions.
        var changes = ids.Take(120).Select(o => Object(o.Type, o.Id, "2026-02-01T00:00:00.000Z", random)).ToList();
        changes.AddRange(ids.Skip(120).Take(20).Select(o => Object(o.Type, o.Id, "2025-12-01T00:00:00.000Z", random)));
        await _store.IngestObjectsAsync(changes);
        await index.WaitForAsync(await _store.GetLastSequenceAsync());
        Assert.True(index.TakenFromCommits > 0, "versions committed while the index runs are taken from memory");
        await AssertCountsAsync(index);

        // An administrator deletes the newest versions of some (the previous ones count again) and every version of others.
        foreach (var (id, _) in ids.Take(30))
        {
            Assert.Equal(1, await _store.DeleteAsync(id, "2026-02-01T00:00:00.000Z"));
        }

        foreach (var (id, _) in ids.Skip(200).Take(30))
        {
            Assert.Equal(1, await _store.DeleteAsync(id));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (index.DeletionPosition < await _store.GetLastDeletionAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "the index did not take the deletions in");
            await Task.Delay(20);
        }

        await AssertCountsAsync(index);
        await index.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Activity_RandomMarkings_EqualsPolicyViewForEveryViewer()
    {
        var random = new Random(11);
        var now = DateTimeOffset.UtcNow;
        var objects = new List<StixValue> { Secret, Restricted, RelToFr };
        var actors = Enumerable.Range(0, 12).Select(_ => $"threat-actor--{Guid.NewGuid()}").ToList();
        var malware = Enumerable.Range(0, 8).Select(_ => $"malware--{Guid.NewGuid()}").ToList();
        var locations = Enumerable.Range(0, 8).Select(_ => $"location--{Guid.NewGuid()}").ToList();
        var sensors = Enumerable.Range(0, 6).Select(_ => $"identity--{Guid.NewGuid()}").ToList();
        string[] countries = ["EE", "LT", "FR", "DE"];
        objects.AddRange(actors.Select(id => Sdo(id, "\"name\":\"a\",\"threat_actor_types\":[\"crime-syndicate\"]", "2025-01-01T00:00:00.000Z", random)));
        objects.AddRange(malware.Select(id => Sdo(id, "\"name\":\"m\",\"is_family\":true", "2025-01-01T00:00:00.000Z", random)));
        objects.AddRange(locations.Select(id => Sdo(id, $"\"country\":\"{countries[random.Next(countries.Length)]}\"", "2025-01-01T00:00:00.000Z", random)));
        objects.AddRange(sensors.Select(id => Sdo(id, "\"name\":\"s\",\"identity_class\":\"system\"", "2025-01-01T00:00:00.000Z", random)));
        objects.AddRange(sensors.Select(id => Sdo($"relationship--{Guid.NewGuid()}", $"\"relationship_type\":\"located-at\",\"source_ref\":\"{id}\",\"target_ref\":\"{locations[random.Next(locations.Count)]}\"", "2025-01-01T00:00:00.000Z", random)));
        for (var i = 0; i < 300; i++)
        {
            // Within the last 25 hours, within the window, or before it (never counted).
            var at = Stamp(now - random.Next(3) switch { 0 => TimeSpan.FromHours(random.Next(1, 25)), 1 => TimeSpan.FromDays(random.Next(2, 29)), _ => TimeSpan.FromDays(40) });
            var target = random.Next(2) == 0 ? actors[random.Next(actors.Count)] : malware[random.Next(malware.Count)];
            var where = random.Next(2) == 0 ? sensors[random.Next(sensors.Count)] : locations[random.Next(locations.Count)];
            objects.Add(random.Next(2) == 0
                ? Sdo($"sighting--{Guid.NewGuid()}", $"\"sighting_of_ref\":\"{target}\",\"where_sighted_refs\":[\"{where}\"],\"last_seen\":\"{at}\",\"count\":{random.Next(1, 9)}", at, random, granular: "where_sighted_refs")
                : Sdo($"relationship--{Guid.NewGuid()}", $"\"relationship_type\":\"uses\",\"source_ref\":\"{actors[random.Next(actors.Count)]}\",\"target_ref\":\"{target}\"", at, random, granular: "target_ref"));
        }

        Assert.Equal(0, (await _store.IngestObjectsAsync(objects)).Rejected);
        await using var watcher = new ChangeFeedWatcher(_store);
        using var index = new PictureIndex(_store, watcher, NullLogger<PictureIndex>.Instance);
        await index.StartAsync(CancellationToken.None);
        await index.WaitForAsync(await _store.GetLastSequenceAsync());
        Assert.True(await AssertActivityAsync(index, now));

        // An administrator deletes a third of the activity, two locations and a sensor's located-at relationship.
        var doomed = objects.Select(o => o["id"]!.GetString()).Where(id => id.StartsWith("sighting--", StringComparison.Ordinal) || id.StartsWith("relationship--", StringComparison.Ordinal))
            .Where((_, i) => i % 3 == 0).Concat(locations.Take(2)).ToList();
        foreach (var id in doomed)
        {
            Assert.Equal(1, await _store.DeleteAsync(id));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (index.DeletionPosition < await _store.GetLastDeletionAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "the index did not take the deletions in");
            await Task.Delay(20);
        }

        await AssertActivityAsync(index, now);
        await index.StopAsync(CancellationToken.None);
    }

    // The index's activity for each viewer equals counting object by object through its policy view; true when some
    // viewer saw countries and targets.
    private async Task<bool> AssertActivityAsync(PictureIndex index, DateTimeOffset now)
    {
        var seenSomething = false;
        foreach (var viewer in Viewers)
        {
            var expected = await ActivityThroughPolicyViewAsync(new PolicyView(_store, _policy, viewer), now);
            var activity = index.Activity(_policy, viewer, now);
            var want = expected.Targets.Select(t => $"{t.Key}={t.Value}").ToHashSet();
            var got = activity.Actors.Concat(activity.Malware).Select(t => $"{t.Id}={t.Count}").ToHashSet();
            var diff = string.Join(" ", want.Except(got).Select(w => "-" + w).Concat(got.Except(want).Select(g => "+" + g)));
            Assert.True(diff.Length == 0, diff);
            Assert.Equal(expected.Countries, activity.Countries.Where(c => c.Value > 0).ToDictionary());
            Assert.Equal(expected.Sensors, activity.Sensors.ToDictionary(s => s.Id, s => (s.Sightings, s.Events)));
            seenSomething |= expected.Countries.Count > 0 && expected.Targets.Count > 0;
        }

        return seenSomething;
    }

    // The same figures counted object by object from what the viewer's policy view gives.
    private static async Task<(Dictionary<string, int> Targets, Dictionary<string, int> Countries, Dictionary<string, (int, long)> Sensors)> ActivityThroughPolicyViewAsync(PolicyView view, DateTimeOffset now)
    {
        var all = new Dictionary<string, SharedObject>(StringComparer.Ordinal);
        long? after = null;
        SharedPage page;
        do
        {
            page = await view.QueryAsync(new ObjectQuery { After = after, Limit = 200 });
            foreach (var item in page.Items)
            {
                all[item.Stored.Id] = item;
            }

            after = page.Next;
        }
        while (page.More);

        bool Whole(string id) => all.TryGetValue(id, out var o) && o.Outcome == SharingOutcome.Allow;
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        var countries = new Dictionary<string, int>(StringComparer.Ordinal);
        var sensors = new Dictionary<string, (int, long)>(StringComparer.Ordinal);
        foreach (var item in all.Values.Where(o => o.Outcome == SharingOutcome.Allow && o.Stored.Type is "sighting" or "relationship"))
        {
            var value = item.Value;
            var at = DateTimeOffset.Parse((value["last_seen"] ?? value["modified"])!.GetString(), System.Globalization.CultureInfo.InvariantCulture);
            if (at < now - PictureIndex.ActivityWindow || (value["relationship_type"]?.GetString() is { } type && type != "uses"))
            {
                continue;
            }

            foreach (var target in new[] { value["sighting_of_ref"], value["source_ref"], value["target_ref"] }.Select(v => v?.GetString()).OfType<string>().Distinct())
            {
                if (all.ContainsKey(target))
                {
                    targets[target] = targets.GetValueOrDefault(target) + 1;
                }
            }

            if (item.Stored.Type != "sighting")
            {
                continue;
            }

            var where = value["where_sighted_refs"]!.Items[0].GetString();
            var places = new HashSet<string>(StringComparer.Ordinal);
            if (where.StartsWith("location--", StringComparison.Ordinal) && Whole(where))
            {
                places.Add(all[where].Value["country"]!.GetString());
            }
            else if (where.StartsWith("identity--", StringComparison.Ordinal) && all.ContainsKey(where))
            {
                foreach (var locatedAt in all.Values.Where(o => o.Outcome == SharingOutcome.Allow && o.Value["relationship_type"]?.GetString() == "located-at" && o.Value["source_ref"]!.GetString() == where))
                {
                    if (Whole(locatedAt.Value["target_ref"]!.GetString()))
                    {
                        places.Add(all[locatedAt.Value["target_ref"]!.GetString()].Value["country"]!.GetString());
                    }
                }

                if (at >= now - TimeSpan.FromDays(1))
                {
                    var (n, events) = sensors.GetValueOrDefault(where);
                    Assert.True(value["count"]!.TryGetInt64(out var count));
                    sensors[where] = (n + 1, events + count);
                }
            }

            foreach (var place in places)
            {
                countries[place] = countries.GetValueOrDefault(place) + 1;
            }
        }

        return (targets, countries, sensors);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    // An object with random markings, a random creator and, for one in five, a SECRET granular marking on one property.
    private static StixValue Sdo(string id, string body, string modified, Random random, string? granular = null)
    {
        string[] markings = random.Next(5) switch
        {
            0 => [],
            1 => [CyDefMarkings.TlpGreen],
            2 => [Secret["id"]!.GetString()],
            3 => [Restricted["id"]!.GetString(), CyDefMarkings.TlpGreen],
            _ => [RelToFr["id"]!.GetString()],
        };
        var creator = random.Next(2) == 0 ? Node : Partner;
        var refs = markings.Length == 0 ? "" : $",\"object_marking_refs\":[{string.Join(",", markings.Select(m => $"\"{m}\""))}]";
        var partly = granular is not null && random.Next(5) == 0 ? $",\"granular_markings\":[{{\"marking_ref\":\"{Secret["id"]!.GetString()}\",\"selectors\":[\"{granular}\"]}}]" : "";
        var type = id[..id.IndexOf("--", StringComparison.Ordinal)];
        return UiNode.Parse($$"""{"type":"{{type}}","spec_version":"2.1","id":"{{id}}","created":"2025-01-01T00:00:00.000Z","modified":"{{modified}}","created_by_ref":"{{creator}}",{{body}}{{refs}}{{partly}}}""");
    }

    private async Task AssertCountsAsync(PictureIndex index)
    {
        foreach (var viewer in Viewers)
        {
            var view = new PolicyView(_store, _policy, viewer);
            var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var days = new SortedDictionary<DateOnly, long>();
            long? after = null;
            SharedPage page;
            do
            {
                page = await view.QueryAsync(new ObjectQuery { After = after, Limit = 100 });
                foreach (var item in page.Items)
                {
                    byType[item.Stored.Type] = byType.GetValueOrDefault(item.Stored.Type) + 1;
                    if (item.Stored.Type == "sighting")
                    {
                        var day = DateOnly.FromDateTime(DateTimeOffset.Parse(item.Value["first_seen"]!.GetString(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
                        days[day] = days.GetValueOrDefault(day) + 1;
                    }
                }

                after = page.Next;
            }
            while (page.More);

            var counts = index.Count(_policy, viewer);
            Assert.Equal(byType, counts.ByType);
            Assert.Equal(days, counts.SightingsByDay);
            Assert.True(counts.Ready);
        }
    }

    private static StixValue Object(string type, string id, string modified, Random random)
    {
        string[] markings = random.Next(6) switch
        {
            0 => [],
            1 => [CyDefMarkings.TlpGreen],
            2 => [CyDefMarkings.TlpAmber],
            3 => [Secret["id"]!.GetString()],
            4 => [Restricted["id"]!.GetString(), CyDefMarkings.TlpGreen],
            _ => [RelToFr["id"]!.GetString()],
        };
        var creator = random.Next(2) == 0 ? Node : Partner;
        var refs = markings.Length == 0 ? "" : $",\"object_marking_refs\":[{string.Join(",", markings.Select(m => $"\"{m}\""))}]";
        var body = type switch
        {
            "indicator" => "\"name\":\"i\",\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"",
            "malware" => "\"name\":\"m\",\"is_family\":false",
            _ => $"\"sighting_of_ref\":\"indicator--{Guid.NewGuid()}\",\"first_seen\":\"2026-01-{random.Next(1, 28):00}T00:00:00Z\"",
        };
        return UiNode.Parse($$"""{"type":"{{type}}","spec_version":"2.1","id":"{{id}}","created":"2025-01-01T00:00:00.000Z","modified":"{{modified}}","created_by_ref":"{{creator}}",{{body}}{{refs}}}""");
    }
}
