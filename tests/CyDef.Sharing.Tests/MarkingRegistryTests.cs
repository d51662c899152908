using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Fixtures;

namespace CyDef.Sharing.Tests;

public sealed class MarkingRegistryTests
{
    [Fact]
    public void TryRead_Tlp2DefinitionAsOasisPublishesIt_IsRead()
    {
        var definition = StixJsonReader.Parse("""
            {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--aaaaaaaa-0d10-413e-aab3-9e08dde9e88d",
             "created":"2022-10-01T00:00:00.000Z","name":"TLP:AMBER+STRICT",
             "extensions":{"@0@":{"extension_type":"property-extension","tlp_2_0":"amber+strict"}}}
            """.Replace("@0@", CyDefMarkings.Tlp2Extension, StringComparison.Ordinal)).GetValueOrThrow();

        Assert.True(MarkingRegistry.TryRead(definition, out var marking, out _));
        Assert.Equal(TlpLevel.AmberStrict, Assert.IsType<TlpMarking>(marking).Level);
    }

    [Fact]
    public void Definition_WrittenThenRead_SaysTheSame()
    {
        var handling = new HandlingMarking("", ClassificationLevel.Confidential, Rel(["DE", "FR"], [OrgA], [MilCerts]), MilCerts, Exercises[0], PapLevel.Amber);

        var definition = CyDefMarkings.Definition(handling, Node);

        Assert.True(MarkingRegistry.TryRead(definition, out var read, out var error), error);
        var back = Assert.IsType<HandlingMarking>(read);
        Assert.Equal(ClassificationLevel.Confidential, back.Classification);
        Assert.Equal(["DE", "FR"], back.ReleasableTo!.Countries.Order());
        Assert.Equal(MilCerts, back.Community);
        Assert.Equal(Exercises[0], back.Exercise);
        Assert.Equal(PapLevel.Amber, back.Pap);
        Assert.StartsWith("CONFIDENTIEL UE/EU CONFIDENTIAL REL TO", definition["name"]!.GetString(), StringComparison.Ordinal);
        Assert.True(CyDef.Stix.Validation.StixValidator.ValidateObject(definition).HasNoErrors);
    }

    [Fact]
    public void Definition_SameHandling_SameId()
    {
        var a = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret, Rel(["FR", "DE"])), Node);
        var b = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret, Rel(["DE", "FR"])), Node);

        Assert.Equal(a["id"]!.GetString(), b["id"]!.GetString());
    }

    [Theory]
    [InlineData("""{"classification":"cosmic"}""", "unknown classification")]
    [InlineData("""{"national_classification":{"country":"XX","label":"HUSH"}}""", "national classification")]
    [InlineData("""{"pap":"purple"}""", "unknown PAP")]
    public void TryAdd_HandlingItCannotInterpret_IsRefused(string extension, string expected)
    {
        var registry = new MarkingRegistry();
        var definition = StixJsonReader.Parse("""
            {"type":"marking-definition","id":"marking-definition--3b9b8f4e-7c7a-4d8e-9a55-3f1d1a2b6c02",
             "extensions":{"@0@":@1@}}
            """.Replace("@0@", CyDefMarkings.HandlingExtension, StringComparison.Ordinal).Replace("@1@", extension, StringComparison.Ordinal)).GetValueOrThrow();

        Assert.False(registry.TryAdd(definition, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(registry.TryResolve("marking-definition--3b9b8f4e-7c7a-4d8e-9a55-3f1d1a2b6c02", out _));
    }

    [Fact]
    public void TryAdd_RedefiningABuiltInTlpMarking_IsRefused()
    {
        var registry = new MarkingRegistry();
        var forged = StixJsonReader.Parse("""
            {"type":"marking-definition","id":"@0@","definition_type":"tlp","definition":{"tlp":"white"}}
            """.Replace("@0@", CyDefMarkings.TlpRed, StringComparison.Ordinal)).GetValueOrThrow();

        Assert.False(registry.TryAdd(forged, out _));
        Assert.True(registry.TryResolve(CyDefMarkings.TlpRed, out var marking));
        Assert.Equal(TlpLevel.Red, Assert.IsType<TlpMarking>(marking).Level);
    }
}
