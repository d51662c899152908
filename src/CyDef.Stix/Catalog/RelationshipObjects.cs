using System.Collections.Frozen;
using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The STIX Relationship Objects of §5, and the relationship types the specification defines between
/// domain and cyber-observable objects (§3.7, the Relationships tables of §4 and §6, Appendix B).
/// </summary>
internal static class RelationshipObjects
{
    /// <summary>§3.7: the relationship types defined for all SDOs and SCOs.</summary>
    public static readonly FrozenSet<string> CommonRelationshipTypes =
        FrozenSet.Create(StringComparer.Ordinal, "derived-from", "duplicate-of", "related-to");

    /// <summary>Source type → relationship type → target types; <c>&lt;sco&gt;</c> stands for every SCO.</summary>
    public static readonly FrozenDictionary<string, FrozenDictionary<string, string[]>> SpecifiedRelationships = BuildTable(
    [
        ("attack-pattern", "delivers", ["malware"]),
        ("attack-pattern", "targets", ["identity", "location", "vulnerability"]),
        ("attack-pattern", "uses", ["malware", "tool"]),
        ("campaign", "attributed-to", ["intrusion-set", "threat-actor"]),
        ("campaign", "compromises", ["infrastructure"]),
        ("campaign", "originates-from", ["location"]),
        ("campaign", "targets", ["identity", "location", "vulnerability"]),
        ("campaign", "uses", ["attack-pattern", "infrastructure", "malware", "tool"]),
        ("course-of-action", "investigates", ["indicator"]),
        ("course-of-action", "mitigates", ["attack-pattern", "indicator", "malware", "tool", "vulnerability"]),
        ("course-of-action", "remediates", ["malware", "vulnerability"]),
        ("domain-name", "resolves-to", ["domain-name", "ipv4-addr", "ipv6-addr"]),
        ("identity", "located-at", ["location"]),
        ("indicator", "indicates", ["attack-pattern", "campaign", "infrastructure", "intrusion-set", "malware", "threat-actor", "tool"]),
        ("indicator", "based-on", ["observed-data"]),
        ("infrastructure", "communicates-with", ["infrastructure", "ipv4-addr", "ipv6-addr", "domain-name", "url"]),
        ("infrastructure", "consists-of", ["infrastructure", "observed-data", "<sco>"]),
        ("infrastructure", "controls", ["infrastructure", "malware"]),
        ("infrastructure", "delivers", ["malware"]),
        ("infrastructure", "has", ["vulnerability"]),
        ("infrastructure", "hosts", ["tool", "malware"]),
        ("infrastructure", "located-at", ["location"]),
        ("infrastructure", "uses", ["infrastructure"]),
        ("intrusion-set", "attributed-to", ["threat-actor"]),
        ("intrusion-set", "compromises", ["infrastructure"]),
        ("intrusion-set", "hosts", ["infrastructure"]),
        ("intrusion-set", "owns", ["infrastructure"]),
        ("intrusion-set", "originates-from", ["location"]),
        ("intrusion-set", "targets", ["identity", "location", "vulnerability"]),
        ("intrusion-set", "uses", ["attack-pattern", "infrastructure", "malware", "tool"]),
        ("ipv4-addr", "belongs-to", ["autonomous-system"]),
        ("ipv4-addr", "resolves-to", ["mac-addr"]),
        ("ipv6-addr", "belongs-to", ["autonomous-system"]),
        ("ipv6-addr", "resolves-to", ["mac-addr"]),
        ("malware", "authored-by", ["threat-actor", "intrusion-set"]),
        ("malware", "beacons-to", ["infrastructure"]),
        ("malware", "exfiltrates-to", ["infrastructure"]),
        ("malware", "communicates-with", ["ipv4-addr", "ipv6-addr", "domain-name", "url"]),
        ("malware", "controls", ["malware"]),
        ("malware", "downloads", ["malware", "tool", "file"]),
        ("malware", "drops", ["malware", "tool", "file"]),
        ("malware", "exploits", ["vulnerability"]),
        ("malware", "originates-from", ["location"]),
        ("malware", "targets", ["identity", "infrastructure", "location", "vulnerability"]),
        ("malware", "uses", ["attack-pattern", "infrastructure", "malware", "tool"]),
        ("malware", "variant-of", ["malware"]),
        ("malware-analysis", "characterizes", ["malware"]),
        ("malware-analysis", "av-analysis-of", ["malware"]),
        ("malware-analysis", "static-analysis-of", ["malware"]),
        ("malware-analysis", "dynamic-analysis-of", ["malware"]),
        ("threat-actor", "attributed-to", ["identity"]),
        ("threat-actor", "compromises", ["infrastructure"]),
        ("threat-actor", "hosts", ["infrastructure"]),
        ("threat-actor", "owns", ["infrastructure"]),
        ("threat-actor", "impersonates", ["identity"]),
        ("threat-actor", "located-at", ["location"]),
        ("threat-actor", "targets", ["identity", "location", "vulnerability"]),
        ("threat-actor", "uses", ["attack-pattern", "infrastructure", "malware", "tool"]),
        ("tool", "delivers", ["malware"]),
        ("tool", "drops", ["malware"]),
        ("tool", "has", ["vulnerability"]),
        ("tool", "targets", ["identity", "infrastructure", "location", "vulnerability"]),
        ("tool", "uses", ["infrastructure"]),
    ]);

    public static readonly ObjectSpec[] All = [Relationship(), Sighting()];

    /// <summary>
    /// Why a relationship of <paramref name="type"/> from <paramref name="source"/> to <paramref name="target"/>
    /// is not one the specification defines; <see langword="null"/> when it is.
    /// </summary>
    public static string? CheckSpecified(ReadOnlySpan<char> source, string type, ReadOnlySpan<char> target)
    {
        if (!SpecifiedRelationships.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(source, out var types))
        {
            return $"'{source}' is not a suggested relationship source object for the '{type}' relationship";
        }

        if (!types.TryGetValue(type, out var targets))
        {
            return $"'{type}' is not a suggested relationship type for '{source}' objects";
        }

        if (targets.Contains("<sco>") && StixCatalog.CategoryOf(target) == StixCategory.CyberObservable)
        {
            return null;
        }

        foreach (var specified in targets)
        {
            if (target.SequenceEqual(specified))
            {
                return null;
            }
        }

        return $"'{target}' is not a suggested relationship target object for '{source}' objects with the '{type}' relationship";
    }

    // §5.1. Source and target MUST be SDOs or SCOs: not SROs, bundles, language content, marking or
    // extension definitions. "<sdo>" also admits custom types, whose category their name does not tell.
    private static ObjectSpec Relationship() => new("relationship", StixCategory.RelationshipObject, "5.1",
    [
        .. CommonProperties.DomainAndRelationship("relationship"),
        Str("relationship_type").AsRequired(),
        Str("description"),
        Ref("source_ref", "<sdo>", "<sco>").AsRequired(),
        Ref("target_ref", "<sdo>", "<sco>").AsRequired(),
        Time("start_time"),
        Time("stop_time"),
    ])
    {
        Rules = [DomainRules.RelationshipTypeFormat, DomainRules.StopTimeAfterStartTime, DomainRules.SpecifiedRelationshipTypes],
    };

    // §5.2. The table types 'summary' as a string, but its default is the boolean false (and the OASIS JSON
    // schema says boolean). The text says where_sighted_refs may refer to identities or locations.
    private static ObjectSpec Sighting() => new("sighting", StixCategory.RelationshipObject, "5.2",
    [
        .. CommonProperties.DomainAndRelationship("sighting"),
        Str("description"),
        Time("first_seen"),
        Time("last_seen"),
        Int("count", 0, 999_999_999),
        Ref("sighting_of_ref", "<sdo>").AsRequired(),
        Refs("observed_data_refs", "observed-data"),
        Refs("where_sighted_refs", "identity", "location"),
        Bool("summary"),
    ])
    {
        Rules = [DomainRules.LastSeenNotBeforeFirstSeen("5.2")],
    };

    private static FrozenDictionary<string, FrozenDictionary<string, string[]>> BuildTable(
        (string Source, string Type, string[] Targets)[] rows) =>
        rows.GroupBy(r => r.Source, StringComparer.Ordinal).ToFrozenDictionary(
            g => g.Key,
            g => g.ToFrozenDictionary(r => r.Type, r => r.Targets, StringComparer.Ordinal),
            StringComparer.Ordinal);
}
