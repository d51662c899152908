using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Fixtures;

namespace CyDef.Sharing.Tests;

/// <summary>The provenance extension and the policy's federation rules: never back along the path, never a redacted copy onward.</summary>
public sealed class ProvenanceTests
{
    private static readonly SharingPolicy Policy = new(new MarkingRegistry(), TheNode);

    [Fact]
    public void AddHop_OnLocalObject_MakesTheHopTheOriginAndThePath()
    {
        var stamped = Provenance.AddHop(Indicator(OrgA, [CyDefMarkings.TlpClear]), OrgA);

        var provenance = Provenance.Of(stamped)!;
        Assert.Equal(OrgA, provenance.Origin);
        Assert.Equal([OrgA], provenance.Path);
        Assert.False(provenance.Redacted);
        Assert.Equal("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", stamped["id"]!.GetString());
    }

    [Fact]
    public void AddHop_Twice_AppendsAndKeepsOriginAndOtherExtensions()
    {
        var withOther = Set(Indicator(OrgA, []), "extensions", StixValue.Object([new("x-other-ext", StixValue.Object([new("a", StixValue.String("b"))]))]));

        var stamped = Provenance.AddHop(Provenance.AddHop(Provenance.AddHop(withOther, OrgA), OrgB), OrgB);

        Assert.Equal([OrgA, OrgB], Provenance.Of(stamped)!.Path);
        Assert.Equal(OrgA, Provenance.Of(stamped)!.Origin);
        Assert.NotNull(stamped["extensions"]!["x-other-ext"]);
        Assert.True(Provenance.Without(stamped).DeepEquals(withOther));
    }

    [Fact]
    public void Decide_PeerOnThePath_IsDenied_OthersAndLocalUsersAllowed()
    {
        var received = Provenance.AddHop(Provenance.AddHop(Indicator(OrgA, [CyDefMarkings.TlpClear]), OrgA), OrgB);

        Assert.False(Policy.CanSee(received, Viewer(ViewerKind.Peer, OrgA)));
        Assert.False(Policy.CanSee(received, Viewer(ViewerKind.Peer, OrgB)));
        Assert.True(Policy.CanSee(received, Viewer(ViewerKind.Peer, OrgC)));
        Assert.True(Policy.CanSee(received, Viewer(ViewerKind.User, Node)));
    }

    [Fact]
    public void AccessSkeleton_KeepsProvenanceAndMarkings_NotTheContent_SoThePathStillDecides()
    {
        var received = Provenance.AddHop(Provenance.AddHop(Set(Indicator(OrgA, [CyDefMarkings.TlpClear]), "extensions",
            StixValue.Object([new("x-other-ext", StixValue.Object([new("secret", StixValue.String("content"))]))])), OrgA), OrgB);

        var skeleton = AccessSkeleton.Of(received);

        Assert.Null(skeleton["pattern"]);
        Assert.Null(skeleton["extensions"]!["x-other-ext"]);
        Assert.Equal([OrgA, OrgB], Provenance.Of(skeleton)!.Path);
        Assert.True(skeleton["object_marking_refs"]!.DeepEquals(received["object_marking_refs"]!));
        Assert.False(Policy.CanSee(skeleton, Viewer(ViewerKind.Peer, OrgB)));
        Assert.True(Policy.CanSee(skeleton, Viewer(ViewerKind.Peer, OrgC)));
    }

    [Fact]
    public void Decide_RedactedCopy_IsNeverPassedOnToAPeer_ButLocalUsersSeeIt()
    {
        var redacted = Provenance.AddHop(Provenance.MarkRedacted(Indicator(OrgA, [CyDefMarkings.TlpClear])), OrgA);

        Assert.True(Provenance.Of(redacted)!.Redacted);
        Assert.Equal([OrgA], Provenance.Of(redacted)!.Path);
        Assert.False(Policy.CanSee(redacted, Viewer(ViewerKind.Peer, OrgC)));
        Assert.True(Policy.CanSee(redacted, Viewer(ViewerKind.User, Node)));
    }

    [Fact]
    public void Of_ObjectWithoutExtension_IsNull()
    {
        Assert.Null(Provenance.Of(Indicator(OrgA, [])));
        Assert.Null(Provenance.DeniesPeer(Indicator(OrgA, []), Viewer(ViewerKind.Peer, OrgA)));
    }

    private static StixValue Set(StixValue value, string name, StixValue property) =>
        StixValue.Object([.. value.Properties.ToArray().Where(p => p.Name != name), new StixProperty(name, property)]);
}
