using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Markings;

/// <summary>
/// The marking definitions CyDef knows without being told: TLP 1.0 (STIX 2.1 §7.2.1.4), TLP 2.0 as OASIS publishes
/// it (extension definition <c>extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d</c>), and CyDef's own
/// handling extension, which carries classification, releasability, community, exercise and PAP.
/// </summary>
public static class CyDefMarkings
{
    /// <summary>OASIS's TLP 2.0 extension definition.</summary>
    public const string Tlp2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /// <summary>CyDef's handling-marking extension definition.</summary>
    public const string HandlingExtension = "extension-definition--4ebad125-533b-4326-b239-658fd60c82df";

    /// <summary>TLP 2.0 CLEAR.</summary>
    public const string TlpClear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

    /// <summary>TLP 2.0 GREEN.</summary>
    public const string TlpGreen = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

    /// <summary>TLP 2.0 AMBER.</summary>
    public const string TlpAmber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

    /// <summary>TLP 2.0 AMBER+STRICT.</summary>
    public const string TlpAmberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";

    /// <summary>TLP 2.0 RED.</summary>
    public const string TlpRed = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    /// <summary>TLP 1.0 WHITE (STIX 2.1 §7.2.1.4), read as TLP:CLEAR.</summary>
    public const string Tlp1White = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";

    /// <summary>TLP 1.0 GREEN.</summary>
    public const string Tlp1Green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

    /// <summary>TLP 1.0 AMBER.</summary>
    public const string Tlp1Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

    /// <summary>TLP 1.0 RED.</summary>
    public const string Tlp1Red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    /// <summary>The built-in TLP markings by id.</summary>
    public static IReadOnlyDictionary<string, TlpLevel> BuiltInTlp { get; } = new Dictionary<string, TlpLevel>(StringComparer.Ordinal)
    {
        [TlpClear] = TlpLevel.Clear,
        [TlpGreen] = TlpLevel.Green,
        [TlpAmber] = TlpLevel.Amber,
        [TlpAmberStrict] = TlpLevel.AmberStrict,
        [TlpRed] = TlpLevel.Red,
        [Tlp1White] = TlpLevel.Clear,
        [Tlp1Green] = TlpLevel.Green,
        [Tlp1Amber] = TlpLevel.Amber,
        [Tlp1Red] = TlpLevel.Red,
    };

    /// <summary>The TLP 2.0 marking definition for a level.</summary>
    /// <param name="level">The level.</param>
    public static string TlpId(TlpLevel level) => level switch
    {
        TlpLevel.Clear => TlpClear,
        TlpLevel.Green => TlpGreen,
        TlpLevel.Amber => TlpAmber,
        TlpLevel.AmberStrict => TlpAmberStrict,
        _ => TlpRed,
    };

    /// <summary>
    /// Writes a CyDef handling marking definition. Its id is derived from its content (UUIDv5), so that every node
    /// that writes the same handling writes the same marking.
    /// </summary>
    /// <param name="marking">What it says; its <see cref="Marking.Id"/> is ignored.</param>
    /// <param name="createdBy">The identity of the organisation that defines it.</param>
    public static StixValue Definition(HandlingMarking marking, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(marking);
        var extension = new List<StixProperty>
        {
            new("extension_type", StixValue.String("property-extension")),
            new("classification", StixValue.String(Classifications.Name(marking.Classification))),
        };
        if (marking.ReleasableTo is { } rel)
        {
            extension.Add(new("releasable_to", StixValue.Object(
            [
                new("countries", Sorted(rel.Countries)),
                new("organizations", Sorted(rel.Organizations)),
                new("communities", Sorted(rel.Communities)),
            ])));
        }

        if (marking.Community is { } community)
        {
            extension.Add(new("community", StixValue.String(community)));
        }

        if (marking.Exercise is { } exercise)
        {
            extension.Add(new("exercise", StixValue.String(exercise)));
        }

        if (marking.Pap is { } pap)
        {
            extension.Add(new("pap", StixValue.String(pap.ToString().ToLowerInvariant())));
        }

        var extensionValue = StixValue.Object([.. extension]);
        var id = "marking-definition--" + DeterministicId.UuidV5(HandlingNamespace, JsonCanonicalizer.Canonicalize(extensionValue)).ToString();
        return StixValue.Object(
        [
            new("type", StixValue.String("marking-definition")),
            new("spec_version", StixValue.String("2.1")),
            new("id", StixValue.String(id)),
            new("created_by_ref", StixValue.String(createdBy)),
            new("created", StixValue.String("2026-01-01T00:00:00.000Z")),
            new("name", StixValue.String(Describe(marking))),
            new("extensions", StixValue.Object([new(HandlingExtension, extensionValue)])),
        ]);
    }

    /// <summary>A short human-readable form, e.g. <c>SECRET UE/EU SECRET REL TO DE, FR</c>.</summary>
    /// <param name="marking">The marking.</param>
    public static string Describe(HandlingMarking marking)
    {
        ArgumentNullException.ThrowIfNull(marking);
        var parts = new List<string> { Classifications.Banner(marking.Classification) };
        if (marking.ReleasableTo is { } rel)
        {
            parts.Add("REL TO " + string.Join(", ", rel.Countries.Concat(rel.Organizations).Concat(rel.Communities).Order(StringComparer.Ordinal)));
        }

        if (marking.Community is { } community)
        {
            parts.Add("COMMUNITY " + community);
        }

        if (marking.Exercise is { } exercise)
        {
            parts.Add("EXERCISE " + exercise);
        }

        if (marking.Pap is { } pap)
        {
            parts.Add("PAP:" + pap.ToString().ToUpperInvariant());
        }

        return string.Join(" ", parts);
    }

    private static readonly Guid HandlingNamespace = new("4ebad125-533b-4326-b239-658fd60c82df");

    private static StixValue Sorted(IEnumerable<string> values) => StixValue.Array(values.Order(StringComparer.Ordinal));
}
