using CyDef.Sharing.Markings;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Tests;

/// <summary>Organisations, communities and objects the tests share.</summary>
internal static class Fixtures
{
    public const string Node = "identity--00000000-0000-4000-8000-000000000000";
    public const string OrgA = "identity--00000000-0000-4000-8000-00000000000a";
    public const string OrgB = "identity--00000000-0000-4000-8000-00000000000b";
    public const string OrgC = "identity--00000000-0000-4000-8000-00000000000c";
    public const string MilCerts = "community--military-certs";
    public const string Csirts = "community--civilian-csirts";

    public static readonly string[] Organizations = [Node, OrgA, OrgB, OrgC];
    public static readonly string[] Communities = [MilCerts, Csirts, "community--soc"];
    public static readonly string[] Countries = ["DE", "FR", "IT", "PL"];
    public static readonly string[] Exercises = ["exercise--locked-shields", "exercise--cyber-coalition"];

    public static NodeIdentity TheNode { get; } = new(Node, new HashSet<string> { MilCerts });

    public static Viewer Viewer(
        ViewerKind kind = ViewerKind.Peer,
        string organization = OrgA,
        ClassificationLevel clearance = ClassificationLevel.Unclassified,
        string? nationality = null,
        string[]? communities = null,
        string[]? exercises = null) =>
        new(kind, organization, clearance, nationality, new HashSet<string>(communities ?? []), new HashSet<string>(exercises ?? []));

    public static StixValue Indicator(string? owner, string[] markings, params (string Marking, string[] Selectors)[] granular)
    {
        var properties = new List<StixProperty>
        {
            new("type", StixValue.String("indicator")),
            new("spec_version", StixValue.String("2.1")),
            new("id", StixValue.String("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")),
            new("created", StixValue.String("2026-11-01T10:00:00.000Z")),
            new("modified", StixValue.String("2026-11-01T10:00:00.000Z")),
            new("name", StixValue.String("C2 server")),
            new("description", StixValue.String("Seen in the campaign against the ministry")),
            new("labels", StixValue.Array(["c2", "apt"])),
            new("pattern", StixValue.String("[ipv4-addr:value = '198.51.100.7']")),
            new("pattern_type", StixValue.String("stix")),
            new("valid_from", StixValue.String("2026-11-01T10:00:00Z")),
            new("external_references", StixValue.Array([StixValue.Object([new("source_name", StixValue.String("cert")), new("url", StixValue.String("https://cert.example/1"))])])),
        };
        if (owner is not null)
        {
            properties.Add(new("created_by_ref", StixValue.String(owner)));
        }

        if (markings.Length > 0)
        {
            properties.Add(new("object_marking_refs", StixValue.Array(markings)));
        }

        if (granular.Length > 0)
        {
            properties.Add(new("granular_markings", StixValue.Array(granular.Select(g => StixValue.Object(
            [
                new("marking_ref", StixValue.String(g.Marking)),
                new("selectors", StixValue.Array(g.Selectors)),
            ])).ToArray())));
        }

        return StixValue.Object([.. properties]);
    }

    /// <summary>Registers a handling marking and returns its id.</summary>
    public static string Handling(MarkingRegistry registry, HandlingMarking marking)
    {
        var definition = CyDefMarkings.Definition(marking, Node);
        Assert.True(registry.TryAdd(definition, out var error), error);
        return definition["id"]!.GetString();
    }

    public static Releasability Rel(string[]? countries = null, string[]? organizations = null, string[]? communities = null) =>
        new(new HashSet<string>(countries ?? []), new HashSet<string>(organizations ?? []), new HashSet<string>(communities ?? []));
}
