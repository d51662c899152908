using CyDef.Sharing;
using CyDef.Sharing.Markings;
using static CyDef.Federation.Tests.Objects;

namespace CyDef.Federation.Tests;

/// <summary>Two or three whole nodes in this process over real HTTP: pull with notices, push, loops, cursors.</summary>
public sealed class FederationTests
{
    [Fact]
    public async Task Pull_PublishedObjects_ArriveWithProvenance_DeniedOnesNever_CursorSaved()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, "PollSeconds=600"));

        await a.PublishAsync(Clear(1, OrgA));
        var first = await b.WaitForAsync(Id(1));
        await a.PublishAsync(Indicator(2, OrgA, CyDefMarkings.TlpAmber), Clear(3, OrgA));
        await b.WaitForAsync(Id(3));

        Assert.Null(await b.GetAsync(Id(2))); // published before 3: it would be there if it were allowed
        var provenance = Provenance.Of(Stix.Json.StixJsonReader.Parse(first.GetRawText()).GetValueOrThrow())!;
        Assert.Equal(OrgA, provenance.Origin);
        Assert.Equal([OrgA], provenance.Path);
        // The cursor reaches its file within PeerLink.SaveInterval of the last change.
        var state = await SavedStateAsync(b.Folder, "a", s => s.Received >= 3);
        Assert.Equal(3, state.Received); // the two allowed indicators and a's own identity, which a node stores at first start
        Assert.NotNull(state.AddedAfter);
        Assert.Null(state.Next);
        var status = Assert.Single(await b.Service<FederationService>().StatusAsync());
        Assert.True(status.Connected);
        Assert.Null(status.State.LastError);
    }

    [Fact]
    public async Task Push_SendsWhatThePeersViewerMaySee_WithThisNodeOnThePath()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        var secret = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), OrgB);
        var secretId = secret["id"]!.GetString();
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, "Mode=Push", "Clearance=confidential", "Communities:0=community--test"));

        await b.PublishAsync(secret.ToString(), Indicator(1, OrgB, secretId), Clear(2, OrgB));
        var pushed = await a.WaitForAsync(Id(2));

        Assert.Null(await a.GetAsync(Id(1)));
        Assert.Equal([OrgB], Provenance.Of(Stix.Json.StixJsonReader.Parse(pushed.GetRawText()).GetValueOrThrow())!.Path);
        var status = Assert.Single(await b.Service<FederationService>().StatusAsync());
        Assert.Equal(PeerMode.Push, status.Mode);
        Assert.True(status.State.Sent >= 2); // the marking definition and the CLEAR indicator
    }

    [Fact]
    public async Task PullBothWays_ObjectIsNeverSentBack()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        await using var b = await TestNode.StartAsync(OrgB, [.. TestNode.PeerKey(1, "a-key", OrgA), .. TestNode.Peer(0, "a", a, "b-key", OrgA)]);
        await using var c = await TestNode.StartAsync(OrgC, TestNode.Peer(0, "b", b, "c-key", OrgB));
        // a pulls b too; c pulls b without a key there (401): its error is recorded, nothing else breaks.
        await using var a2 = await TestNode.StartAsync(OrgA, TestNode.Peer(0, "b", b, "a-key", OrgB));

        await a.PublishAsync(Clear(1, OrgA));
        await b.WaitForAsync(Id(1));
        await b.PublishAsync(Clear(2, OrgB));
        await a2.WaitForAsync(Id(2));

        Assert.Null(await a2.GetAsync(Id(1))); // b holds 1 from a (path [a]): a's organisation never gets it back
        var fromB = Assert.Single(await a2.Service<FederationService>().StatusAsync()).State;
        Assert.Equal((2L, 0L), (fromB.Received, fromB.Looped)); // object 2 and b's own identity, never object 1
        var denied = await WaitForErrorAsync(c);
        Assert.Contains("401", denied, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForErrorAsync(TestNode node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (Assert.Single(await node.Service<FederationService>().StatusAsync()).State.LastError is { } error)
            {
                return error;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no error recorded");
    }

    private static async Task<PeerState> SavedStateAsync(string folder, string peer, Func<PeerState, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var state = PeerStateFile.Load(folder, peer, PeerMode.Pull);
        while (!done(state) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            state = PeerStateFile.Load(folder, peer, PeerMode.Pull);
        }

        return state;
    }
}
