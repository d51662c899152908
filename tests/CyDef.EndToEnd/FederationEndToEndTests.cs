using System.Text.Json;
using CyDef.Sharing.Markings;
using CyDef.Sharing.Signatures;
using static CyDef.EndToEnd.Content;

namespace CyDef.EndToEnd;

/// <summary>
/// Five real node processes on 127.0.0.1 (<see cref="FiveNodes"/>): what is published at one reaches exactly the
/// nodes the owner's markings allow, with exactly the parts they allow; a node killed with SIGKILL in the middle of a
/// sync and a node that was offline converge, with nothing lost and nothing duplicated.
/// </summary>
public sealed class FederationEndToEndTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Publish_ReachesExactlyTheAllowedNodes_WithExactlyTheAllowedParts()
    {
        await using var f = new FiveNodes();
        await f.StartAsync();
        Step("five nodes healthy");
        var mil1 = f.Mil1.Organization;
        var scope = Handling(mil1, community: FiveNodes.Military);
        var secret = Handling(mil1, ClassificationLevel.Secret);
        var relDeFr = Handling(mil1, countries: ["DE", "FR"]);
        var toMil2 = Handling(mil1, organizations: [f.Mil2.Organization]);
        static string IdOf(Stix.Json.StixValue marking) => marking["id"]!.GetString();

        await f.Mil1.PublishAsync(
        [
            scope.ToString(), secret.ToString(), relDeFr.ToString(), toMil2.ToString(),
            Indicator(1, mil1, [CyDefMarkings.TlpClear]),
            Indicator(2, mil1, [CyDefMarkings.TlpGreen, IdOf(scope)]),
            Indicator(3, mil1, [CyDefMarkings.TlpGreen, IdOf(secret)]),
            Indicator(4, mil1, [CyDefMarkings.TlpClear, IdOf(relDeFr)]),
            Indicator(5, mil1, [CyDefMarkings.TlpClear], granularMarking: IdOf(secret)),
            Indicator(6, mil1, [CyDefMarkings.TlpAmber, IdOf(toMil2)]),
        ]);
        await f.Csirt.PublishAsync([Indicator(7, f.Csirt.Organization, [CyDefMarkings.TlpClear])]);
        await f.Cc.PublishAsync([Indicator(8, f.Cc.Organization, [CyDefMarkings.TlpGreen])]);

        var expected = new Dictionary<NodeProcess, int[]>
        {
            [f.Cc] = [1, 2, 3, 5, 7, 8],
            [f.Mil1] = [1, 2, 3, 4, 5, 6, 7, 8],
            [f.Mil2] = [1, 2, 3, 4, 5, 6, 7, 8],
            [f.Mil3] = [1, 2, 5, 7, 8],
            [f.Csirt] = [1, 5, 7, 8],
        };
        Step("published");
        foreach (var (node, ids) in expected)
        {
            await WaitUntilAsync(f, node, held => ids.All(n => held.ContainsKey(Content.Id(n))));
            Step($"{node.Name} holds what it may");
        }

        // Everything that may arrive has; give anything that may not a moment to (wrongly) arrive, then compare exactly.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var (node, ids) in expected)
        {
            var held = Indicators(await node.AllVersionsAsync());
            Assert.True(ids.Select(Content.Id).Order().SequenceEqual(held.Keys.Order()), $"{node.Name} holds {string.Join(", ", held.Keys.Order())}");
            Assert.Equal(ids.Length, held.Values.Sum(v => v.Count)); // one version each: nothing duplicated
        }

        await AssertPartsAsync(f);
        await AssertSignedByTheirOriginAsync(f, expected);

        // mil1's administrator deletes two of its indicators: every node that held them follows, over pulls (the
        // change streams) and the CSIRT's push alike, and keeps the rest.
        foreach (var n in new[] { 2, 5 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"cydef/collections/default/objects/{Content.Id(n)}/?match[version]=all");
            request.Headers.Accept.ParseAdd("application/taxii+json;version=2.1");
            using var response = await f.Mil1.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        Step("mil1 deleted 2 and 5");
        foreach (var (node, ids) in expected)
        {
            var held = await WaitUntilAsync(f, node, held => !held.ContainsKey(Content.Id(2)) && !held.ContainsKey(Content.Id(5)));
            var kept = ids.Where(n => n is not (2 or 5)).Select(Content.Id).Order();
            Assert.True(kept.SequenceEqual(held.Keys.Order()), $"{node.Name} holds {string.Join(", ", held.Keys.Order())} after the deletions");
            Step($"{node.Name} followed the deletions");
        }
    }

    [Fact]
    public async Task KillNineMidSync_AndOfflineNode_ConvergeWithNothingLostNothingDuplicated()
    {
        const int Count = 3000;
        await using var f = new FiveNodes(pageSize: 100);
        await f.StartAsync();
        Step("five nodes healthy");
        await f.Csirt.KillAsync(); // offline for the whole publication

        var objects = Enumerable.Range(1000, Count).Select(n => Indicator(n, f.Mil2.Organization, [CyDefMarkings.TlpClear])).ToList();
        var publishing = Task.Run(async () =>
        {
            foreach (var chunk in objects.Chunk(500))
            {
                await f.Mil2.PublishAsync(chunk);
            }
        });
        var receivedAtKill = await KillWhenSyncingAsync(f.Mil3);
        await publishing;
        Step($"published; mil3 killed after receiving {receivedAtKill}");
        Assert.InRange(receivedAtKill, 1, Count - 1); // killed in the middle of the sync

        f.Mil3.Start();
        f.Csirt.Start();
        await f.Mil3.WaitHealthyAsync();
        await f.Csirt.WaitHealthyAsync();
        Step("mil3 and csirt restarted");

        var expected = Enumerable.Range(1000, Count).Select(Content.Id).Order().ToList();
        foreach (var node in f.All)
        {
            var held = await WaitUntilAsync(f, node, h => h.Count >= Count);
            Assert.True(expected.SequenceEqual(held.Keys.Order()), $"{node.Name}: {held.Count} objects, not the {Count} published");
            Assert.All(held.Values, versions => Assert.Equal([Modified], versions)); // each (id, modified) exactly once
            Step($"{node.Name} holds all {Count}");
        }

        var csirtPeers = await f.Csirt.PeersAsync();
        Assert.Contains(csirtPeers.EnumerateArray(), p => p.GetProperty("name").GetString() == "cc" && p.GetProperty("state").GetProperty("received").GetInt64() >= Count);
    }

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static async Task<long> KillWhenSyncingAsync(NodeProcess node)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            var received = (await node.PeersAsync()).EnumerateArray().Sum(p => p.GetProperty("state").GetProperty("received").GetInt64());
            if (received > 0)
            {
                await node.KillAsync();
                return received;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{node.Name} received nothing");
    }

    private static async Task AssertPartsAsync(FiveNodes f)
    {
        foreach (var (node, whole) in new[] { (f.Cc, true), (f.Mil2, true), (f.Mil3, false), (f.Csirt, false) })
        {
            var granular = Indicators(await node.AllVersionsAsync(), keep: true)[Content.Id(5)];
            Assert.Equal(whole, granular.TryGetProperty("description", out _));
        }

        var viaCc = Indicators(await f.Csirt.AllVersionsAsync(), keep: true)[Content.Id(1)].GetProperty("extensions").GetProperty(Sharing.Provenance.Extension);
        Assert.Equal(f.Mil1.Organization, viaCc.GetProperty("origin").GetString());

        // The origin first and the CSIRT's only source (cc) last; in between, whichever military CERT reached cc first
        // (cc pulls all three, so mil1 → mil3 → cc can win the race against mil1 → cc). No node twice.
        var path = viaCc.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(f.Mil1.Organization, path[0]);
        Assert.Equal(f.Cc.Organization, path[^1]);
        Assert.Equal(path.Count, path.Distinct().Count());
        Assert.All(path[1..^1], hop => Assert.Contains(hop, new[] { f.Mil2.Organization, f.Mil3.Organization }));
    }

    // Every indicator at every node carries a valid signature of the node that published it, redacted copies included,
    // checked against the trust records the five nodes serve.
    private static async Task AssertSignedByTheirOriginAsync(FiveNodes f, Dictionary<NodeProcess, int[]> expected)
    {
        var records = new List<TrustRecord>();
        foreach (var node in f.All)
        {
            Assert.True(TrustRecord.TryParse(await node.Http.GetStringAsync("api/v1/node/trust-record"), out var record, out var error), error);
            Assert.Equal(node.Organization, record.Node);
            records.Add(record);
        }

        var verifier = new SignatureVerifier(records, SignatureExtension.WithExcluded(Sharing.Provenance.Extension));
        foreach (var (node, ids) in expected)
        {
            var held = Indicators(await node.AllVersionsAsync(), keep: true);
            foreach (var id in ids.Select(Content.Id))
            {
                var value = Stix.Json.StixJsonReader.Parse(held[id].GetRawText()).GetValueOrThrow();
                var check = verifier.Verify(value);
                Assert.True(check.Status == SignatureStatus.Valid, $"{node.Name}: {check}");
                Assert.Equal(value["created_by_ref"]!.GetString(), check.Signer);
            }
        }
    }

    private static async Task<Dictionary<string, List<string>>> WaitUntilAsync(FiveNodes f, NodeProcess node, Func<Dictionary<string, List<string>>, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        Dictionary<string, List<string>> held = [];
        while (DateTime.UtcNow < deadline)
        {
            held = Indicators(await node.AllVersionsAsync());
            if (done(held))
            {
                return held;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{node.Name} holds {held.Count} indicators: {string.Join(", ", held.Keys.Order().Take(20))}\n{f.Logs()}");
    }

    // Indicator id → its versions' modified.
    private static Dictionary<string, List<string>> Indicators(List<JsonElement> versions) =>
        versions.Where(v => v.GetProperty("type").GetString() == "indicator")
            .GroupBy(v => v.GetProperty("id").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(v => v.GetProperty("modified").GetString()!).ToList());

    private static Dictionary<string, JsonElement> Indicators(List<JsonElement> versions, bool keep) =>
        versions.Where(v => keep && v.GetProperty("type").GetString() == "indicator").ToDictionary(v => v.GetProperty("id").GetString()!);
}
