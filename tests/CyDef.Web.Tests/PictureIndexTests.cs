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
        using var index = new PictureIndex(_store, NullLogger<PictureIndex>.Instance);
        await index.StartAsync(CancellationToken.None);
        await index.WaitForAsync(await _store.GetLastSequenceAsync());
        await AssertCountsAsync(index);

        // New versions with other markings, and an older version arriving late: the counts follow the newest versions.
        var changes = ids.Take(120).Select(o => Object(o.Type, o.Id, "2026-02-01T00:00:00.000Z", random)).ToList();
        changes.AddRange(ids.Skip(120).Take(20).Select(o => Object(o.Type, o.Id, "2025-12-01T00:00:00.000Z", random)));
        await _store.IngestObjectsAsync(changes);
        await index.WaitForAsync(await _store.GetLastSequenceAsync());
        await AssertCountsAsync(index);
        await index.StopAsync(CancellationToken.None);
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
