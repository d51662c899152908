using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using Microsoft.Extensions.Logging.Abstractions;
using static CyDef.Federation.Tests.Objects;

namespace CyDef.Federation.Tests;

/// <summary>The inbound and outbound pipeline, peer options and the cursor file, without a network.</summary>
public sealed class PipelineTests
{
    private static StixValue Parse(string json) => StixJsonReader.Parse(json).GetValueOrThrow();

    private static PeerOptions PeerB(Action<TakeOptions>? take = null)
    {
        var peer = new PeerOptions { Name = "b", Url = "http://127.0.0.1:1/cydef/", Organization = OrgB };
        take?.Invoke(peer.Take);
        return peer;
    }

    [Fact]
    public void Receive_StampsTheSender_DropsLoops_AndAppliesTakeAndChecks()
    {
        var refuseThree = new RefuseCheck(Id(3));
        var pipeline = new FederationPipeline(OrgA, [refuseThree], [], NullLogger.Instance);
        var cameFromA = Provenance.AddHop(Parse(Clear(2, OrgA)), OrgA);
        var amber = Parse(Indicator(4, OrgB, CyDefMarkings.TlpAmber));
        var definition = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), OrgB);

        var batch = pipeline.Receive([Parse(Clear(1, OrgB)), cameFromA, Parse(Clear(3, OrgB)), amber, definition], PeerB(t => t.Markings.Add(CyDefMarkings.TlpClear)));

        Assert.Equal((2, 1), (batch.Refused, batch.Looped)); // 3 by the check, 4 by the markings taken
        Assert.Equal([Id(1), definition["id"]!.GetString()], batch.Accepted.Select(o => o["id"]!.GetString()));
        Assert.Equal([OrgB], Provenance.Of(batch.Accepted[0])!.Path);
        Assert.Null(Provenance.Of(batch.Accepted[1])); // marking definitions carry no provenance
    }

    [Fact]
    public void Receive_TypesTaken_KeepsMarkingDefinitions()
    {
        var pipeline = new FederationPipeline(OrgA, [], [], NullLogger.Instance);
        var definition = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), OrgB);

        var batch = pipeline.Receive([Parse(Clear(1, OrgB)), definition], PeerB(t => t.Types.Add("malware")));

        Assert.Equal([definition["id"]!.GetString()], batch.Accepted.Select(o => o["id"]!.GetString()));
    }

    [Fact]
    public void Send_AddsThisNodeAndRunsTransforms()
    {
        var pipeline = new FederationPipeline(OrgA, [], [new LabelTransform()], NullLogger.Instance);

        var sent = pipeline.Send(Provenance.AddHop(Parse(Clear(1, OrgC)), OrgC), PeerB());

        Assert.Equal([OrgC, OrgA], Provenance.Of(sent)!.Path);
        Assert.Equal("signed", sent["x_test"]!.GetString());
    }

    [Theory]
    [InlineData("http://h:1/cydef/", null, "http://h:1/cydef/", "default")]
    [InlineData("http://h:1/cydef", "intel", "http://h:1/cydef/", "intel")]
    [InlineData("http://h:1/root/collections/1b5c2b7e-0000-4000-8000-000000000000/", null, "http://h:1/root/", "1b5c2b7e-0000-4000-8000-000000000000")]
    public void Target_ApiRootOrCollectionUrl(string url, string? collection, string apiRoot, string expected)
    {
        var peer = new PeerOptions { Name = "p", Url = url, Collection = collection, Organization = OrgB };

        Assert.Equal((new Uri(apiRoot), expected), peer.Target());
        Assert.Equal(new Uri("http://h:1/api/v1/changes/stream"), peer.NoticeUrl());
        Assert.Null(peer.Problem());
    }

    [Theory]
    [InlineData("bad name", "http://h/", OrgB, "unclassified", "peer name")]
    [InlineData("p", "ftp://h/", OrgB, "unclassified", "not an http")]
    [InlineData("p", "http://h/", "", "unclassified", "Organization")]
    [InlineData("p", "http://h/", OrgB, "cosmic", "clearance")]
    public void Problem_BadOptions_SaysWhich(string name, string url, string organization, string clearance, string expected)
    {
        var peer = new PeerOptions { Name = name, Url = url, Organization = organization, Clearance = clearance };

        Assert.Contains(expected, peer.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void StateFile_RoundTrips_AndAnotherModeStartsAfresh()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cydef-state-" + Guid.NewGuid().ToString("N"));
        try
        {
            var state = new PeerState { Name = "p", Mode = PeerMode.Pull, AddedAfter = DateTimeOffset.Parse("2026-01-02T03:04:05.123456Z", System.Globalization.CultureInfo.InvariantCulture), Next = "tok", Received = 7 };
            PeerStateFile.Save(folder, state);
            PeerStateFile.Save(folder, state with { Received = 8 });

            Assert.Equal(state with { Received = 8 }, PeerStateFile.Load(folder, "p", PeerMode.Pull));
            Assert.Equal(new PeerState { Name = "p", Mode = PeerMode.Push }, PeerStateFile.Load(folder, "p", PeerMode.Push));
            Assert.Equal(["p.json"], Directory.GetFiles(PeerStateFile.Folder(folder)).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class RefuseCheck(string id) : IInboundCheck
    {
        public string? Refuse(StixValue value, PeerOptions peer) => value["id"]?.AsString() == id ? "test refusal" : null;
    }

    private sealed class LabelTransform : IOutboundTransform
    {
        public StixValue Transform(StixValue value, PeerOptions peer) =>
            StixValue.Object([.. value.Properties.ToArray(), new StixProperty("x_test", StixValue.String("signed"))]);
    }
}
