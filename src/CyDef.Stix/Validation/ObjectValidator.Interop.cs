using System.Collections.Frozen;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

internal sealed partial class ObjectValidator
{
    /// <summary>
    /// The STIX 2.1 Interoperability profile's extra required properties, per type (OASIS interop schemas;
    /// two property names are misspelled there and are used here as the 2.1 specification spells them).
    /// </summary>
    private static readonly FrozenDictionary<string, string[]> InteropRequired = new Dictionary<string, string[]>
    {
        ["attack-pattern"] = ["external_references", "kill_chain_phases"],
        ["indicator"] = ["indicator_types", "name"],
        ["infrastructure"] = ["infrastructure_types"],
        ["intrusion-set"] = ["primary_motivation", "resource_level"],
        ["location"] = ["region"],
        ["malware-analysis"] = ["analysis_ended", "analysis_started", "result", "submitted", "version"],
        ["malware"] = ["architecture_execution_envs", "capabilities", "first_seen", "implementation_languages", "last_seen", "malware_types", "name"],
        ["observed-data"] = ["object_refs"],
        ["report"] = ["report_types"],
        ["sighting"] = ["count", "first_seen", "last_seen"],
        ["threat-actor"] = ["primary_motivation", "resource_level", "roles", "sophistication", "threat_actor_types"],
        ["tool"] = ["tool_types"],
        ["vulnerability"] = ["external_references"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The TLP 1.0 marking definitions of §7.2.1.4.
    private static readonly FrozenSet<string> TlpMarkings = new[]
    {
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The interoperability profile: a creator on every SDO and SRO, the per-type required properties, one TLP marking.</summary>
    private void CheckInterop(StixValue value, ObjectSpec spec, string path)
    {
        if (!_options.Interop || spec.Category is not (StixCategory.DomainObject or StixCategory.RelationshipObject))
        {
            return;
        }

        var required = InteropRequired.TryGetValue(spec.Type, out var extra) ? extra.Prepend("created_by_ref") : ["created_by_ref"];
        foreach (var name in required)
        {
            if (!value.TryGetProperty(name, out _))
            {
                Error(path, $"'{name}' is a required property (interoperability profile)", spec.Section);
            }
        }

        if (value["object_marking_refs"] is { IsArray: true } markings)
        {
            var tlp = 0;
            foreach (var marking in markings.Items)
            {
                tlp += marking.AsString() is { } id && TlpMarkings.Contains(id) ? 1 : 0;
            }

            if (tlp > 1)
            {
                Error(JsonPath.Property(path, "object_marking_refs"), "more than one TLP marking: only one is allowed (interoperability profile)", "7.2.1.4");
            }
        }
    }
}
