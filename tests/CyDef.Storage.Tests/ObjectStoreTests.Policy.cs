using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Storage.Sharing;

namespace CyDef.Storage.Tests;

/// <summary>The store read through the sharing policy: nothing denied comes out of any read, search or look-up.</summary>
public abstract partial class ObjectStoreTests
{
    private const string NodeOrg = "identity--00000000-0000-4000-8000-000000000000";
    private const string ProducerOrg = "identity--00000000-0000-4000-8000-00000000000a";
    private const string PeerOrg = "identity--00000000-0000-4000-8000-00000000000b";
    private const string Community = "community--military-certs";

    private static string Marked(int n, string name, string description, string address, string[] markings, string? granularMarking = null)
    {
        var granular = granularMarking is null ? "" : $$""","granular_markings":[{"marking_ref":"{{granularMarking}}","selectors":["description"]}]""";
        return $$"""{"type":"indicator","spec_version":"2.1","id":"{{Stix.IndicatorId(n)}}","created":"2024-02-01T00:00:00.000Z","modified":"2024-02-01T00:00:00.000Z","created_by_ref":"{{ProducerOrg}}","name":"{{name}}","description":"{{description}}","pattern":"[ipv4-addr:value = '{{address}}']","pattern_type":"stix","valid_from":"2024-02-01T00:00:00Z","object_marking_refs":[{{string.Join(",", markings.Select(m => $"\"{m}\""))}}]{{granular}}}""";
    }

    private async Task<(IObjectStore Store, SharingPolicy Policy)> MarkedStoreAsync()
    {
        var registry = new MarkingRegistry();
        var secret = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), NodeOrg);
        Assert.True(registry.TryAdd(secret, out _));
        var secretId = secret["id"]!.GetString();
        var store = await OpenStoreAsync();
        var report = await store.IngestAsync(Stix.Stream(Stix.Ndjson(
            Marked(1, "open indicator", "zebra crossing", "203.0.113.9", [CyDefMarkings.TlpClear]),
            Marked(2, "falcon", "classified campaign", "198.51.100.66", [secretId]),
            Marked(3, "partly hidden", "walrus operation", "192.0.2.33", [CyDefMarkings.TlpClear], secretId),
            Marked(4, "amber heron", "for the node only", "192.0.2.44", [CyDefMarkings.TlpAmber]))));
        Assert.Equal(4, report.Accepted);
        return (store, new SharingPolicy(registry, new NodeIdentity(NodeOrg, new HashSet<string> { Community })));
    }

    private static Viewer Peer(ClassificationLevel clearance) =>
        new(ViewerKind.Peer, PeerOrg, clearance, "DE", new HashSet<string> { Community }, new HashSet<string>());

    [SkippableFact]
    public async Task PolicyView_UnclearedPeer_SeesOnlyWhatThePolicyAllows_ThroughEveryRead()
    {
        var (store, policy) = await MarkedStoreAsync();
        await using var _ = store;
        var view = new PolicyView(store, policy, Peer(ClassificationLevel.Unclassified));

        Assert.NotNull(await view.GetAsync(Stix.IndicatorId(1)));
        Assert.Null(await view.GetAsync(Stix.IndicatorId(2)));
        Assert.Null(await view.GetAsync(Stix.IndicatorId(4)));
        Assert.Empty(await view.GetVersionsAsync(Stix.IndicatorId(2)));
        var redacted = await view.GetAsync(Stix.IndicatorId(3));
        Assert.Equal(SharingOutcome.AllowRedacted, redacted!.Outcome);
        Assert.Null(redacted.Value["description"]);

        // Pages of one: every allowed object, in feed order, and nothing else.
        var seen = new List<string>();
        long? cursor = null;
        do
        {
            var page = await view.QueryAsync(new ObjectQuery { Limit = 1, After = cursor });
            seen.AddRange(page.Items.Select(o => o.Value["id"]!.GetString()));
            cursor = page.Next;
        }
        while (cursor is not null);
        Assert.Equal([Stix.IndicatorId(1), Stix.IndicatorId(3)], seen);
        var changes = await view.ReadChangesAsync(0, 100);
        Assert.Equal([Stix.IndicatorId(1), Stix.IndicatorId(3)], changes.Items.Select(o => o.Value["id"]!.GetString()));

        Assert.Single(await view.SearchAsync("zebra"));
        Assert.Empty(await view.SearchAsync("falcon"));
        Assert.Empty(await view.SearchAsync("walrus"));
        Assert.Empty(await view.SearchAsync("heron"));
        Assert.Single(await view.FindObservableAsync("203.0.113.9"));
        Assert.Empty(await view.FindObservableAsync("198.51.100.66"));
        Assert.Empty(await view.FindObservableAsync("192.0.2.44"));
    }

    [SkippableFact]
    public async Task PolicyView_ClearedPeerAndLocalUser_SeeWhatTheirClearanceAndTlpAllow()
    {
        var (store, policy) = await MarkedStoreAsync();
        await using var _ = store;
        var cleared = new PolicyView(store, policy, Peer(ClassificationLevel.Secret));
        var local = new PolicyView(store, policy, new Viewer(ViewerKind.User, NodeOrg, ClassificationLevel.Secret, "DE", new HashSet<string>(), new HashSet<string>()));

        Assert.NotNull(await cleared.GetAsync(Stix.IndicatorId(2)));
        Assert.Equal(SharingOutcome.Allow, (await cleared.GetAsync(Stix.IndicatorId(3)))!.Outcome);
        Assert.Single(await cleared.SearchAsync("walrus"));
        Assert.Single(await cleared.FindObservableAsync("198.51.100.66"));
        Assert.Null(await cleared.GetAsync(Stix.IndicatorId(4)));
        Assert.Equal(4, (await local.ReadChangesAsync(0, 100)).Items.Count);
        Assert.Single(await local.SearchAsync("heron"));
    }
    [SkippableFact]
    public async Task PolicyView_SearchPages_SkipDeniedHits_AndReachOlderAllowedOnes()
    {
        var registry = new MarkingRegistry();
        var secret = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), NodeOrg);
        Assert.True(registry.TryAdd(secret, out _));
        var secretId = secret["id"]!.GetString();
        await using var store = await OpenStoreAsync();

        // 5 open indicators first, then 60 SECRET ones after them: the newest matches are all denied to the viewer.
        var lines = Enumerable.Range(1, 5).Select(n => Marked(n, "kestrel open", "seen", $"203.0.113.{n}", [CyDefMarkings.TlpClear]))
            .Concat(Enumerable.Range(100, 60).Select(n => Marked(n, "kestrel secret", "seen", $"198.51.100.{n}", [secretId])));
        Assert.Equal(65, (await store.IngestAsync(Stix.Stream(Stix.Ndjson([.. lines])))).Accepted);
        var policy = new SharingPolicy(registry, new NodeIdentity(NodeOrg, new HashSet<string> { Community }));
        var view = new PolicyView(store, policy, Peer(ClassificationLevel.Unclassified));
        var cleared = new PolicyView(store, policy, Peer(ClassificationLevel.Secret));

        var seen = new List<string>();
        long? before = null;
        var pages = 0;
        do
        {
            var page = await view.SearchPageAsync("kestrel", 2, before);
            seen.AddRange(page.Items.Select(o => o.Stored.Id));
            before = page.More ? page.Next : null;
            pages++;
        }
        while (before is not null && pages < 100);

        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(Stix.IndicatorId), seen);
        var first = await cleared.SearchPageAsync("kestrel", 10, null);
        Assert.Equal(10, first.Items.Count);
        Assert.True(first.More);
        Assert.All(first.Items, o => Assert.Contains("secret", o.Value["name"]!.GetString(), StringComparison.Ordinal));
    }
}

