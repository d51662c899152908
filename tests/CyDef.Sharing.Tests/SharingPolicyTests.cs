using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Fixtures;

namespace CyDef.Sharing.Tests;

public sealed class SharingPolicyTests
{
    private readonly MarkingRegistry _registry = new();

    private SharingPolicy Policy => new(_registry, TheNode);

    [Theory]
    [InlineData(CyDefMarkings.TlpClear, ViewerKind.Peer, OrgB, null, true)]
    [InlineData(CyDefMarkings.TlpGreen, ViewerKind.Peer, OrgB, MilCerts, true)]
    [InlineData(CyDefMarkings.TlpGreen, ViewerKind.Peer, OrgB, Csirts, false)]
    [InlineData(CyDefMarkings.TlpGreen, ViewerKind.User, Node, null, true)]
    [InlineData(CyDefMarkings.TlpAmber, ViewerKind.User, Node, null, true)]
    [InlineData(CyDefMarkings.TlpAmber, ViewerKind.Peer, OrgB, MilCerts, false)]
    [InlineData(CyDefMarkings.TlpAmberStrict, ViewerKind.Export, OrgB, MilCerts, false)]
    [InlineData(CyDefMarkings.TlpRed, ViewerKind.Peer, OrgB, MilCerts, false)]
    [InlineData(CyDefMarkings.TlpRed, ViewerKind.Peer, OrgA, null, true)]
    [InlineData(CyDefMarkings.Tlp1White, ViewerKind.Export, OrgC, null, true)]
    [InlineData(CyDefMarkings.Tlp1Amber, ViewerKind.Peer, OrgC, MilCerts, false)]
    public void Decide_TlpOfAnObjectOwnedByOrgA_FollowsTheTable(string tlp, ViewerKind kind, string organization, string? community, bool allowed)
    {
        var indicator = Indicator(OrgA, [tlp]);

        var decision = Policy.Decide(indicator, Viewer(kind, organization, communities: community is null ? [] : [community]));

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Fact]
    public void Decide_AmberFromThisNode_GoesToTheRecipientsItNames()
    {
        var named = Handling(_registry, new HandlingMarking("", ClassificationLevel.Unclassified, Rel(organizations: [OrgB])));
        var indicator = Indicator(Node, [CyDefMarkings.TlpAmber, named]);

        Assert.True(Policy.CanSee(indicator, Viewer(ViewerKind.Peer, OrgB)));
        Assert.False(Policy.CanSee(indicator, Viewer(ViewerKind.Peer, OrgC, communities: [MilCerts])));
    }

    [Fact]
    public void Decide_AmberReceivedFromAnotherProducer_IsNeverPassedOnToPeers()
    {
        var named = Handling(_registry, new HandlingMarking("", ClassificationLevel.Unclassified, Rel(organizations: [Node, OrgB])));
        var indicator = Indicator(OrgA, [CyDefMarkings.TlpAmber, named]);

        Assert.True(Policy.CanSee(indicator, Viewer(ViewerKind.User, Node)));
        Assert.False(Policy.CanSee(indicator, Viewer(ViewerKind.Peer, OrgB)));
    }

    [Theory]
    [InlineData(ClassificationLevel.Restricted, ClassificationLevel.Unclassified, false)]
    [InlineData(ClassificationLevel.Secret, ClassificationLevel.Confidential, false)]
    [InlineData(ClassificationLevel.Secret, ClassificationLevel.Secret, true)]
    [InlineData(ClassificationLevel.Confidential, ClassificationLevel.TopSecret, true)]
    public void Decide_Classification_NeedsTheClearance(ClassificationLevel level, ClassificationLevel clearance, bool allowed)
    {
        var classified = Handling(_registry, new HandlingMarking("", level));
        var indicator = Indicator(OrgA, [classified]);

        // Not even the producer's own people see above their clearance.
        Assert.Equal(allowed, Policy.CanSee(indicator, Viewer(ViewerKind.User, OrgA, clearance)));
    }

    [Fact]
    public void Decide_NationalClassification_IsMappedOntoTheEuLevel()
    {
        var definition = StixJsonReader.Parse("""
            {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--3b9b8f4e-7c7a-4d8e-9a55-3f1d1a2b6c01",
             "created":"2026-01-01T00:00:00.000Z","extensions":{"@0@":
             {"extension_type":"property-extension","national_classification":{"country":"DE","label":"GEHEIM"}}}}
            """.Replace("@0@", CyDefMarkings.HandlingExtension, StringComparison.Ordinal)).GetValueOrThrow();
        Assert.True(_registry.TryAdd(definition, out _));
        var indicator = Indicator(OrgA, ["marking-definition--3b9b8f4e-7c7a-4d8e-9a55-3f1d1a2b6c01"]);

        Assert.False(Policy.CanSee(indicator, Viewer(clearance: ClassificationLevel.Confidential)));
        Assert.True(Policy.CanSee(indicator, Viewer(clearance: ClassificationLevel.Secret)));
    }

    [Fact]
    public void Decide_ReleasableTo_MatchesNationalityOrganisationOrCommunity()
    {
        var rel = Handling(_registry, new HandlingMarking("", ClassificationLevel.Unclassified, Rel(countries: ["DE"], organizations: [OrgC], communities: [Csirts])));
        var indicator = Indicator(OrgA, [rel]);

        Assert.True(Policy.CanSee(indicator, Viewer(nationality: "de", organization: OrgB)));
        Assert.True(Policy.CanSee(indicator, Viewer(organization: OrgC)));
        Assert.True(Policy.CanSee(indicator, Viewer(organization: OrgB, communities: [Csirts])));
        Assert.False(Policy.CanSee(indicator, Viewer(organization: OrgB, nationality: "FR", communities: [MilCerts])));
        Assert.True(Policy.CanSee(indicator, Viewer(organization: OrgA)));
    }

    [Fact]
    public void Decide_ExerciseContent_NeverLeavesItsExercise()
    {
        var exercise = Handling(_registry, new HandlingMarking("", ClassificationLevel.Unclassified, Exercise: Exercises[0]));
        var indicator = Indicator(Node, [exercise]);

        Assert.False(Policy.CanSee(indicator, Viewer(ViewerKind.User, Node)));
        Assert.False(Policy.CanSee(indicator, Viewer(ViewerKind.Peer, OrgA, exercises: [Exercises[1]])));
        Assert.True(Policy.CanSee(indicator, Viewer(ViewerKind.Peer, OrgA, exercises: [Exercises[0]])));
    }

    [Fact]
    public void Decide_UnknownMarking_Denies()
    {
        var indicator = Indicator(OrgA, ["marking-definition--0d2f1c3a-1111-4222-8333-944455556666"]);

        var decision = Policy.Decide(indicator, Viewer(clearance: ClassificationLevel.TopSecret));

        Assert.Equal(SharingOutcome.Deny, decision.Outcome);
        Assert.Contains("not understood", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_GranularMarkingDenied_RemovesThePartAndItsMarking()
    {
        var secret = Handling(_registry, new HandlingMarking("", ClassificationLevel.Secret));
        var indicator = Indicator(OrgA, [CyDefMarkings.TlpClear], (secret, ["description"]), (CyDefMarkings.TlpClear, ["name"]));

        var decision = Policy.Decide(indicator, Viewer());

        Assert.Equal(SharingOutcome.AllowRedacted, decision.Outcome);
        Assert.Null(decision.Value!["description"]);
        Assert.Equal("C2 server", decision.Value["name"]!.GetString());
        var remaining = Assert.Single(decision.Value["granular_markings"]!.Items.ToArray());
        Assert.Equal(CyDefMarkings.TlpClear, remaining["marking_ref"]!.GetString());
        Assert.Equal(["description"], decision.Removed);
    }

    [Fact]
    public void Decide_GranularMarkingOnAListItem_RemovesTheWholeList()
    {
        var secret = Handling(_registry, new HandlingMarking("", ClassificationLevel.Secret));
        var indicator = Indicator(OrgA, [], (secret, ["external_references.[0].url"]));

        var decision = Policy.Decide(indicator, Viewer());

        Assert.Equal(SharingOutcome.AllowRedacted, decision.Outcome);
        Assert.Null(decision.Value!["external_references"]);
        Assert.Null(decision.Value["granular_markings"]);
    }

    [Fact]
    public void Decide_GranularMarkingDeniesARequiredProperty_DeniesTheObject()
    {
        var secret = Handling(_registry, new HandlingMarking("", ClassificationLevel.Secret));
        var indicator = Indicator(OrgA, [], (secret, ["pattern"]));

        var decision = Policy.Decide(indicator, Viewer());

        Assert.Equal(SharingOutcome.Deny, decision.Outcome);
        Assert.True(Policy.Decide(indicator, Viewer(clearance: ClassificationLevel.Secret)).Outcome == SharingOutcome.Allow);
    }

    [Fact]
    public void PermittedActions_NoPapMarking_Null()
    {
        var confidential = Handling(_registry, new HandlingMarking("", ClassificationLevel.Confidential));

        Assert.Null(Policy.PermittedActions(Indicator(OrgA, [CyDefMarkings.TlpGreen, confidential]), "pattern"));
        Assert.Null(Policy.PermittedActions(Indicator(OrgA, [])));
    }

    [Fact]
    public void PermittedActions_SeveralLevels_TheStrictestOfThoseThatCoverTheProperty()
    {
        var green = Handling(_registry, new HandlingMarking("", ClassificationLevel.Unclassified, Pap: PapLevel.Green));
        var amber = Handling(_registry, new HandlingMarking("", ClassificationLevel.Unclassified, Pap: PapLevel.Amber));
        var red = Handling(_registry, new HandlingMarking("", ClassificationLevel.Unclassified, Pap: PapLevel.Red));

        Assert.Equal(PapLevel.Amber, Policy.PermittedActions(Indicator(OrgA, [green, amber]), "pattern"));
        var granular = Indicator(OrgA, [green], (red, ["pattern"]), (amber, ["description"]), (red, ["patterns_seen"]));
        Assert.Equal(PapLevel.Red, Policy.PermittedActions(granular, "pattern"));
        Assert.Equal(PapLevel.Amber, Policy.PermittedActions(granular, "description"));
        Assert.Equal(PapLevel.Green, Policy.PermittedActions(granular, "name"));
        Assert.Equal(PapLevel.Green, Policy.PermittedActions(granular));
        Assert.Equal(PapLevel.Red, Policy.PermittedActions(Indicator(OrgA, [], (red, ["external_references.[0].url"])), "external_references"));
    }

    [Fact]
    public void PermittedActions_AMarkingTheNodeCannotRead_CountsAsRed()
    {
        const string unknown = "marking-definition--00000000-0000-4000-8000-0000000000ff";

        Assert.Equal(PapLevel.Red, Policy.PermittedActions(Indicator(OrgA, [unknown])));
        Assert.Equal(PapLevel.Red, Policy.PermittedActions(Indicator(OrgA, [], (unknown, ["pattern"])), "pattern"));
        Assert.Null(Policy.PermittedActions(Indicator(OrgA, [], (unknown, ["name"])), "pattern"));
    }
}
