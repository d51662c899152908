using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

/// <summary>The common properties (§3.2) and the structured values every category shares (§2.5, §2.11, §7.2.3).</summary>
internal static class CommonProperties
{
    /// <summary>§2.11 Kill Chain Phase.</summary>
    public static readonly ObjectSpec KillChainPhase = new("kill-chain-phase", StixCategory.Nested, "2.11",
    [
        Str("kill_chain_name").AsRequired(),
        Str("phase_name").AsRequired(),
    ]);

    /// <summary>§2.5 External Reference.</summary>
    public static readonly ObjectSpec ExternalReference = new("external-reference", StixCategory.Nested, "2.5",
    [
        Str("source_name").AsRequired(),
        Str("description"),
        Str("url", StringFormat.Url),
        Hashes("hashes"),
        Str("external_id"),
    ])
    {
        Rules = [CommonRules.ExternalReferenceHasContent],
    };

    /// <summary>§7.2.3 Granular Marking.</summary>
    public static readonly ObjectSpec GranularMarking = new("granular-marking", StixCategory.Nested, "7.2.3",
    [
        Str("lang", StringFormat.LanguageTag),
        Ref("marking_ref", "marking-definition"),
        StrList("selectors").AsRequired(),
    ])
    {
        Rules = [CommonRules.GranularMarkingHasLangOrRef],
    };

    /// <summary>The common properties of every SDO and SRO (§3.2).</summary>
    public static IEnumerable<PropertySpec> DomainAndRelationship(string type) => InSection(
    [
        Str("type").AsRequired(),
        Str("spec_version").AsRequired(),
        Ref("id", type).AsRequired(),
        // §3.2 describes the target as an identity but states no MUST; the OASIS validator accepts any id.
        Ref("created_by_ref"),
        Time("created").AsRequired(),
        Time("modified").AsRequired(),
        Bool("revoked"),
        StrList("labels"),
        Int("confidence", 0, 100),
        Str("lang", StringFormat.LanguageTag),
        ObjList("external_references", ExternalReference),
        Refs("object_marking_refs", "marking-definition"),
        ObjList("granular_markings", GranularMarking),
        Extensions(),
    ]);

    /// <summary>The common properties of every SCO (§3.2, §6).</summary>
    public static IEnumerable<PropertySpec> CyberObservable(string type) => InSection(
    [
        Str("type").AsRequired(),
        Str("spec_version"),
        Ref("id", type).AsRequired(),
        Refs("object_marking_refs", "marking-definition"),
        ObjList("granular_markings", GranularMarking),
        Bool("defanged"),
        Extensions(),
    ]);

    private static IEnumerable<PropertySpec> InSection(PropertySpec[] properties) =>
        properties.Select(p => p with { Section = "3.2" });
}
