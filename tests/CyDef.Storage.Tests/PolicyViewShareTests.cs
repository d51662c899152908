using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage.Sharing;
using CyDef.Storage.Sqlite;

namespace CyDef.Storage.Tests;

/// <summary>
/// <see cref="PolicyView.Share"/> decides most versions from their owner and marking ids alone; over every shape of
/// owner, object markings and granular markings, and every kind of viewer, its answer is the policy's whole decision.
/// </summary>
public sealed class PolicyViewShareTests : IAsyncLifetime
{
    private const string NodeOrg = "identity--00000000-0000-4000-8000-000000000000";
    private const string ProducerOrg = "identity--00000000-0000-4000-8000-00000000000a";
    private const string PeerOrg = "identity--00000000-0000-4000-8000-00000000000b";
    private const string Community = "community--military-certs";
    private const string UnknownMarking = "marking-definition--0d2f1c3a-1111-4222-8333-944455556666";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-share-" + Guid.NewGuid().ToString("N"));
    private IObjectStore? _store;

    public async Task InitializeAsync() => _store = await SqliteObjectStore.OpenAsync(_folder);

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Share_EveryShapeOfMarkingsAndEveryViewer_IsThePolicysWholeDecision()
    {
        var registry = new MarkingRegistry();
        var secret = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), NodeOrg);
        var released = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Unclassified, new Releasability(new HashSet<string> { "DE" }, new HashSet<string>(), new HashSet<string>())), NodeOrg);
        Assert.True(registry.TryAdd(secret, out _));
        Assert.True(registry.TryAdd(released, out _));
        var policy = new SharingPolicy(registry, new NodeIdentity(NodeOrg, new HashSet<string> { Community }));
        string[] markings = ["\"" + CyDefMarkings.TlpClear + "\"", "\"" + CyDefMarkings.TlpGreen + "\"", "\"" + CyDefMarkings.TlpAmber + "\"", "\"" + CyDefMarkings.TlpRed + "\"",
            "\"" + secret["id"]!.GetString() + "\"", "\"" + released["id"]!.GetString() + "\"", "\"" + UnknownMarking + "\"", "7"];
        string?[] owners = [null, $"\"{NodeOrg}\"", $"\"{ProducerOrg}\"", $"\"{PeerOrg}\"", "42"];
        var markingLists = new List<string?> { null, "[]", "\"" + CyDefMarkings.TlpClear + "\"" };
        markingLists.AddRange(markings.Select(m => $"[{m}]"));
        markingLists.AddRange(from a in markings from b in markings where string.CompareOrdinal(a, b) < 0 select $"[{a},{b}]");
        string?[] granulars = [null, $$"""[{"marking_ref":"{{secret["id"]!.GetString()}}","selectors":["description"]}]""", $$"""[{"marking_ref":"{{CyDefMarkings.TlpClear}}","selectors":["name"]}]"""];
        Viewer[] viewers =
        [
            new(ViewerKind.User, NodeOrg, ClassificationLevel.Unclassified, null, new HashSet<string> { Community }, new HashSet<string>()),
            new(ViewerKind.User, NodeOrg, ClassificationLevel.TopSecret, "DE", new HashSet<string> { Community }, new HashSet<string>()),
            new(ViewerKind.Peer, PeerOrg, ClassificationLevel.Secret, "DE", new HashSet<string> { Community }, new HashSet<string>()),
            new(ViewerKind.Peer, PeerOrg, ClassificationLevel.Unclassified, "FR", new HashSet<string>(), new HashSet<string>()),
            new(ViewerKind.Export, ProducerOrg, ClassificationLevel.Confidential, null, new HashSet<string>(), new HashSet<string>()),
        ];

        var compared = 0;
        var sequence = 0L;
        foreach (var owner in owners)
        {
            foreach (var list in markingLists)
            {
                foreach (var granular in granulars)
                {
                    foreach (var (ownerFirst, extensions) in new[] { (true, (string?)null), (false, null), (true, Provenance(PeerOrg)), (false, Provenance(ProducerOrg)), (true, "{\"x-other\":{\"a\":1}}") })
                    {
                        var json = Json(owner, list, granular, ownerFirst, extensions);
                        var stored = new StoredObject(++sequence, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "indicator", "2026-11-01T10:00:00.000Z", "2.1", DateTimeOffset.UnixEpoch, true, false, System.Text.Encoding.UTF8.GetBytes(json));
                        var value = StixJsonReader.Parse(stored.Json.Span).Value!;
                        foreach (var viewer in viewers)
                        {
                            // A fresh view each time, and one view for all: the remembered decisions must not change the answer.
                            var expected = policy.Decide(value, viewer);
                            foreach (var shared in new[] { new PolicyView(_store!, policy, viewer).Share(stored), SharedView(policy, viewer).Share(stored) })
                            {
                                Assert.Equal(expected.IsAllowed, shared is not null);
                                if (shared is not null)
                                {
                                    Assert.Equal(expected.Outcome, shared.Outcome);
                                    var given = expected.Outcome == SharingOutcome.AllowRedacted && viewer.Kind == ViewerKind.Peer ? CyDef.Sharing.Provenance.MarkRedacted(expected.Value!) : expected.Value!;
                                    Assert.True(given.DeepEquals(shared.Value), json);
                                }
                            }

                            compared++;
                        }
                    }
                }
            }
        }

        Assert.True(compared > 6_000, compared.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private readonly Dictionary<Viewer, PolicyView> _views = [];

    private PolicyView SharedView(SharingPolicy policy, Viewer viewer) =>
        _views.TryGetValue(viewer, out var view) ? view : _views[viewer] = new PolicyView(_store!, policy, viewer);

    // CyDef's provenance extension: the peers it came through are denied it (federation's loop prevention).
    private static string Provenance(string hop) =>
        "{\"" + CyDef.Sharing.Provenance.Extension + "\":{\"extension_type\":\"property-extension\",\"origin\":\"" + hop + "\",\"path\":[\"" + hop + "\"]}}";

    private static string Json(string? owner, string? markings, string? granular, bool ownerFirst, string? extensions)
    {
        var parts = new List<string>
        {
            "\"type\":\"indicator\"", "\"spec_version\":\"2.1\"", "\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"",
            "\"created\":\"2026-11-01T10:00:00.000Z\"", "\"modified\":\"2026-11-01T10:00:00.000Z\"", "\"name\":\"C2 server\"",
            "\"description\":\"Seen in the campaign\"", "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\"", "\"pattern_type\":\"stix\"",
            "\"valid_from\":\"2026-11-01T10:00:00Z\"", "\"external_references\":[{\"source_name\":\"cert\",\"created_by_ref\":\"x\"}]",
        };
        var marks = new List<string>();
        if (owner is not null)
        {
            marks.Add($"\"created_by_ref\":{owner}");
        }

        if (markings is not null)
        {
            marks.Add($"\"object_marking_refs\":{markings}");
        }

        if (granular is not null)
        {
            marks.Add($"\"granular_markings\":{granular}");
        }

        if (extensions is not null)
        {
            marks.Add($"\"extensions\":{extensions}");
        }

        if (!ownerFirst)
        {
            marks.Reverse();
        }

        return "{" + string.Join(",", ownerFirst ? marks.Concat(parts) : parts.Concat(marks)) + "}";
    }
}
