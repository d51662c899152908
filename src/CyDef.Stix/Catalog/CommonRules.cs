using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Stix.Catalog;

/// <summary>Rules across properties that several object types share, and factories for the usual shapes of rule.</summary>
internal static class CommonRules
{
    /// <summary>§2.5: besides source_name, at least one of description, url or external_id MUST be present.</summary>
    public static readonly ObjectRule ExternalReferenceHasContent =
        AtLeastOne("2.5", "description", "url", "external_id");

    /// <summary>§7.2.3: exactly one of marking_ref and lang.</summary>
    public static readonly ObjectRule GranularMarkingHasLangOrRef = ExactlyOne("7.2.3", "marking_ref", "lang");

    /// <summary>At least one of <paramref name="names"/> MUST be present.</summary>
    public static ObjectRule AtLeastOne(string section, params string[] names) => (value, context) =>
    {
        foreach (var name in names)
        {
            if (value.TryGetProperty(name, out _))
            {
                return;
            }
        }

        context.Error("", $"at least one of {Quote(names)} must be present", section);
    };

    /// <summary>Exactly one of <paramref name="names"/> MUST be present.</summary>
    public static ObjectRule ExactlyOne(string section, params string[] names) => (value, context) =>
    {
        var present = names.Count(n => value.TryGetProperty(n, out _));
        if (present != 1)
        {
            context.Error("", $"exactly one of {Quote(names)} must be present", section);
        }
    };

    /// <summary><paramref name="later"/>, when present with <paramref name="earlier"/>, MUST be later than it (or the same when <paramref name="orEqual"/>).</summary>
    public static ObjectRule NotBefore(string later, string earlier, string section, bool orEqual = true) => (value, context) =>
    {
        if (context.TryGetTimestamp(value, later, out var l) && context.TryGetTimestamp(value, earlier, out var e) && (orEqual ? l < e : l <= e))
        {
            context.Error(later, $"'{later}' ({value[later]!.GetString()}) must be later than {(orEqual ? "or equal to " : "")}'{earlier}' ({value[earlier]!.GetString()})", section);
        }
    };

    /// <summary><paramref name="name"/> MUST NOT be present when <paramref name="condition"/> holds.</summary>
    public static ObjectRule ForbiddenWhen(string name, Func<StixValue, bool> condition, string why, string section) => (value, context) =>
    {
        if (value.TryGetProperty(name, out _) && condition(value))
        {
            context.Error(name, $"'{name}' must not be present {why}", section);
        }
    };

    /// <summary><paramref name="name"/> MUST be present when <paramref name="condition"/> holds.</summary>
    public static ObjectRule RequiredWhen(string name, Func<StixValue, bool> condition, string why, string section) => (value, context) =>
    {
        if (!value.TryGetProperty(name, out _) && condition(value))
        {
            context.Error("", $"'{name}' must be present {why}", section);
        }
    };

    /// <summary>Whether the boolean property <paramref name="name"/> is present and true.</summary>
    public static bool IsTrue(StixValue value, string name) => value[name]?.Kind == StixValueKind.True;

    private static string Quote(string[] names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
