using System.Text.Json;
using CyDef.Server.Detection;
using CyDef.Sharing.Markings;
using CyDef.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyDef.Detection.Tests.Node;

/// <summary><c>POST /api/v1/sensors/{sensor}/events</c>: counts, bad input, and the sightings it writes into the store.</summary>
public sealed class SensorEventsTests
{
    private const string Clear = "indicator--2b000000-0000-4000-8000-000000000001";
    private const string Classified = "indicator--2b000000-0000-4000-8000-000000000002";
    private const string TlpClear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

    [Fact]
    public async Task Events_BadLines_CountedBySkipReasonAndTheStreamGoesOn()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Clear, "[domain-name:value = 'evil.example']")));
        var deep = "{\"timestamp\":\"2026-01-15T10:00:00Z\",\"alert\":" + new string('[', 100) + new string(']', 100) + "}";
        var lines = string.Join('\n', DetectionNode.Dns("evil.example"), "{\"timestamp\":", "[1,2,3]", "{\"src_ip\":\"10.0.0.5\"}", deep, DetectionNode.Dns("evil.example"), "");

        var (status, body) = await node.PostEventsAsync("sensor", "ids-1", lines);

        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("events").GetInt64());
        Assert.Equal(2, body.GetProperty("hits").GetInt64());
        Assert.Equal(4, body.GetProperty("skipped").GetInt64());
        Assert.Equal(1, body.GetProperty("skippedBy").GetProperty("truncated").GetInt64());
        Assert.Equal(1, body.GetProperty("skippedBy").GetProperty("malformed").GetInt64());
        Assert.Equal(1, body.GetProperty("skippedBy").GetProperty("bad-timestamp").GetInt64());
        Assert.Equal(1, body.GetProperty("skippedBy").GetProperty("too-deep").GetInt64());
        Assert.Equal(2, body.GetProperty("firstSkipped")[0].GetProperty("line").GetInt64());
        Assert.Equal("eve", body.GetProperty("format").GetString());
    }

    [Fact]
    public async Task Events_StoreFails_503ThenTheKeptHitsAreStoredOnceItRecovers()
    {
        // The node's sightings go to a store that fails while the test says so (as a full disk would).
        await using var node = await DetectionNode.StartAsync(services => services
            .AddSingleton(s => FailingStore.Over(s.GetRequiredService<IObjectStore>()))
            .AddSingleton(s => new SightingSink(s.GetRequiredService<FailingStore>().Store, s.GetRequiredService<SensorIdentities>(),
                s.GetRequiredService<DetectionOptions>(), s.GetRequiredService<TimeProvider>(), NullLogger<SightingSink>.Instance)));
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Clear, "[domain-name:value = 'evil.example']")));
        var store = node.Service<FailingStore>();
        var hit = DetectionNode.Dns("evil.example") + "\n";

        store.Failing = true;
        var (status, body) = await node.PostEventsAsync("sensor", "ids-1", hit + hit);
        Assert.Equal(503, status);
        Assert.Equal("Sightings not stored", body.GetProperty("title").GetString());
        Assert.Contains("2 events", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Kept, not lost: the next flush after the store recovers writes them; later batches add to them.
        store.Failing = false;
        Assert.Equal(2, await CountAsync(node, 2));
        (status, _) = await node.PostEventsAsync("sensor", "ids-1", hit);
        Assert.Equal(200, status);
        Assert.Equal(3, await CountAsync(node, 3));
    }

    [Theory]
    [InlineData("?format=zeek", null)]
    [InlineData(null, "application/x-ndjson; format=zeek")]
    public async Task Events_ZeekByQueryOrContentType_ReadAsZeek(string? query, string? contentType)
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Clear, "[domain-name:value = 'evil.example']")));
        const string Zeek = """{"ts":1767225600.5,"uid":"C1","id.orig_h":"10.0.0.5","id.orig_p":5353,"id.resp_h":"10.0.0.1","id.resp_p":53,"proto":"udp","query":"evil.example"}""";

        var (status, body) = await node.PostEventsAsync("sensor", "zeek-1", Zeek + "\n", query, contentType);

        Assert.Equal(200, status);
        Assert.Equal("zeek", body.GetProperty("format").GetString());
        Assert.Equal(1, body.GetProperty("hits").GetInt64());
    }

    [Theory]
    [InlineData("sensor", "ids-1", "?format=pcap", 400, "Unknown format")]
    [InlineData("sensor", "bad%20name", "", 400, "Bad sensor name")]
    [InlineData("sensor", "ids-9", "", 404, "Unknown sensor")]
    [InlineData("reader", "ids-1", "", 403, null)]
    [InlineData("nobody", "ids-1", "", 401, null)]
    public async Task Events_BadRequest_ProblemDetailsAndNothingStored(string key, string sensor, string query, int expected, string? title)
    {
        await using var node = await DetectionNode.StartAsync("--CyDef:Detection:Sensors:0=ids-1");
        var before = await node.Store.GetLastSequenceAsync();

        var (status, body) = await node.PostEventsAsync(key, sensor, DetectionNode.Dns("evil.example") + "\n", query);

        Assert.Equal(expected, status);
        if (title is not null)
        {
            Assert.Equal(title, body.GetProperty("title").GetString());
            Assert.Equal(expected, body.GetProperty("status").GetInt32());
        }

        Assert.Equal(before, await node.Store.GetLastSequenceAsync());
    }

    [Fact]
    public async Task Sightings_CarryTheIndicatorsMarkings_VisibleOverTaxiiOnlyToAllowedViewers()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.SecretDefinition,
            DetectionNode.Indicator(Clear, "[domain-name:value = 'public.example']", marking: TlpClear),
            DetectionNode.Indicator(Classified, "[domain-name:value = 'secret.example']", marking: DetectionNode.Secret)));
        var lines = string.Concat(Enumerable.Repeat(DetectionNode.Dns("public.example") + "\n" + DetectionNode.Dns("secret.example") + "\n", 50));

        var (status, body) = await node.PostEventsAsync("sensor", "ids-1", lines);

        Assert.Equal(200, status);
        Assert.Equal(100, body.GetProperty("hits").GetInt64());
        var cleared = await node.TaxiiObjectsAsync("reader-secret", "sighting");
        var uncleared = await node.TaxiiObjectsAsync("reader", "sighting");
        Assert.Equal(2, cleared.Count);
        var secret = Assert.Single(cleared, s => s.GetProperty("sighting_of_ref").GetString() == Classified);
        Assert.Equal([DetectionNode.Secret], secret.GetProperty("object_marking_refs").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(50, secret.GetProperty("count").GetInt64());
        var visible = Assert.Single(uncleared);
        Assert.Equal(Clear, visible.GetProperty("sighting_of_ref").GetString());
        Assert.Equal([TlpClear], visible.GetProperty("object_marking_refs").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(DetectionNode.Organization, visible.GetProperty("created_by_ref").GetString());
        var identity = visible.GetProperty("where_sighted_refs")[0].GetString()!;
        Assert.Equal(identity, body.GetProperty("identity").GetString());
        var identities = await node.TaxiiObjectsAsync("reader", "identity");
        Assert.Contains(identities, i => i.GetProperty("id").GetString() == identity && i.GetProperty("name").GetString() == "ids-1");
    }

    [Fact]
    public async Task Sightings_OfAnotherOrganisationsAmberIndicator_NameItsProducerSoThatOnlyItReceivesThem()
    {
        const string producer = "identity--0000000b-0000-4000-8000-000000000000";
        const string other = "identity--0000000c-0000-4000-8000-000000000000";
        const string theirs = "indicator--3e000000-0000-4000-8000-000000000001";
        const string ours = "indicator--3e000000-0000-4000-8000-000000000002";
        await using var node = await DetectionNode.StartAsync(
            "--CyDef:ApiKeys:5:Key=producer-peer", "--CyDef:ApiKeys:5:Peer=true", "--CyDef:ApiKeys:5:Read:0=*", $"--CyDef:ApiKeys:5:Organization={producer}",
            "--CyDef:ApiKeys:6:Key=other-peer", "--CyDef:ApiKeys:6:Peer=true", "--CyDef:ApiKeys:6:Read:0=*", $"--CyDef:ApiKeys:6:Organization={other}");
        await node.Follower.WaitForAsync(await node.PublishAsync(
            DetectionNode.Indicator(theirs, "[domain-name:value = 'theirs.example']", marking: CyDefMarkings.TlpAmber).Replace(DetectionNode.Organization, producer, StringComparison.Ordinal),
            DetectionNode.Indicator(ours, "[domain-name:value = 'ours.example']", marking: CyDefMarkings.TlpAmber)));

        var (status, _) = await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("theirs.example") + "\n" + DetectionNode.Dns("ours.example") + "\n");

        Assert.Equal(200, status);
        var local = await node.TaxiiObjectsAsync("reader", "sighting");
        Assert.Equal(2, local.Count);
        var named = Assert.Single(local, s => s.GetProperty("sighting_of_ref").GetString() == theirs).GetProperty("object_marking_refs").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(2, named.Count);
        Assert.Equal(CyDefMarkings.TlpAmber, named[0]);
        var definition = Assert.Single(await node.TaxiiObjectsAsync("reader", "marking-definition"), d => d.GetProperty("id").GetString() == named[1]);
        Assert.Equal(producer, definition.GetProperty("extensions").EnumerateObject().Single().Value.GetProperty("releasable_to").GetProperty("organizations")[0].GetString());
        var own = Assert.Single(local, s => s.GetProperty("sighting_of_ref").GetString() == ours);
        Assert.Equal([CyDefMarkings.TlpAmber], own.GetProperty("object_marking_refs").EnumerateArray().Select(m => m.GetString()));
        var toProducer = Assert.Single(await node.TaxiiObjectsAsync("producer-peer", "sighting"));
        Assert.Equal(theirs, toProducer.GetProperty("sighting_of_ref").GetString());
        Assert.Empty(await node.TaxiiObjectsAsync("other-peer", "sighting"));
    }

    [Fact]
    public async Task Events_UnclearedSensor_HitsOnClassifiedIndicatorsNotToldButSighted()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.SecretDefinition,
            DetectionNode.Indicator(Classified, "[domain-name:value = 'secret.example']", marking: DetectionNode.Secret)));

        var (_, body) = await node.PostEventsAsync("sensor-uncleared", "ids-2", DetectionNode.Dns("secret.example") + "\n");

        Assert.Equal(1, body.GetProperty("events").GetInt64());
        Assert.Equal(0, body.GetProperty("hits").GetInt64());
        var sighting = Assert.Single(await node.TaxiiObjectsAsync("reader-secret", "sighting"));
        Assert.Equal(1, sighting.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Sightings_FloodAndRestart_OneSightingWhoseCountKeepsGrowing()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Clear, "[domain-name:value = 'evil.example']", marking: TlpClear)));
        var at = DateTimeOffset.UtcNow;
        var flood = string.Concat(Enumerable.Repeat(DetectionNode.Dns("evil.example", at) + "\n", 1000));

        await node.PostEventsAsync("sensor", "ids-1", flood);
        await node.PostEventsAsync("sensor", "ids-1", flood);
        var first = Assert.Single(await node.TaxiiObjectsAsync("reader", "sighting"));
        await node.RestartAsync();
        await node.Follower.WaitForAsync(0);
        await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("evil.example", at.AddSeconds(1)) + "\n");

        var sighting = Assert.Single(await node.TaxiiObjectsAsync("reader", "sighting"));
        Assert.Equal(first.GetProperty("id").GetString(), sighting.GetProperty("id").GetString());
        Assert.Equal(2000, first.GetProperty("count").GetInt64());
        Assert.Equal(2001, sighting.GetProperty("count").GetInt64());
        Assert.True(string.CompareOrdinal(sighting.GetProperty("modified").GetString(), first.GetProperty("modified").GetString()) > 0);
        Assert.Equal(first.GetProperty("first_seen").GetString(), sighting.GetProperty("first_seen").GetString());
    }

    // Waits until the sightings of the TLP:CLEAR indicator count at least 'expected' hits in the store; returns the count.
    private static async Task<long> CountAsync(DetectionNode node, long expected)
    {
        long count = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && count < expected; await Task.Delay(50))
        {
            var sightings = await node.TaxiiObjectsAsync("admin", "sighting");
            count = sightings.Where(s => s.GetProperty("sighting_of_ref").GetString() == Clear).Sum(s => s.GetProperty("count").GetInt64());
        }

        return count;
    }
}
