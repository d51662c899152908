using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

/// <summary>
/// Every object type, predefined extension and vocabulary of STIX 2.1 with Errata 01, as data: what the
/// validator checks, what deterministic identifiers are made from, what tools can list.
/// </summary>
public static class StixCatalog
{
    private static readonly FrozenDictionary<string, ObjectSpec> ObjectsByType =
        DomainObjects.All.Concat(RelationshipObjects.All).Concat(CyberObservables.All).Concat(MetaObjects.All)
            .ToFrozenDictionary(o => o.Type, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ObjectSpec> ExtensionsByName =
        ObservableExtensions.All.ToFrozenDictionary(o => o.Type, StringComparer.Ordinal);

    /// <summary>Every object type the specification defines (SDOs, SROs, SCOs and meta objects), by <c>type</c>.</summary>
    public static IReadOnlyDictionary<string, ObjectSpec> Objects => ObjectsByType;

    /// <summary>Every predefined cyber-observable extension, by name (e.g. <c>ntfs-ext</c>).</summary>
    public static IReadOnlyDictionary<string, ObjectSpec> Extensions => ExtensionsByName;

    /// <summary>Finds the specification of an object type.</summary>
    /// <param name="type">The <c>type</c> value.</param>
    /// <param name="spec">The specification, when the type is one of STIX 2.1's.</param>
    public static bool TryGetObject(string type, [NotNullWhen(true)] out ObjectSpec? spec) =>
        ObjectsByType.TryGetValue(type, out spec);

    /// <summary>Finds a predefined cyber-observable extension.</summary>
    /// <param name="name">The extension's key in <c>extensions</c>, e.g. <c>http-request-ext</c>.</param>
    /// <param name="spec">The specification, when predefined.</param>
    public static bool TryGetExtension(string name, [NotNullWhen(true)] out ObjectSpec? spec) =>
        ExtensionsByName.TryGetValue(name, out spec);

    private static readonly FrozenDictionary<string, ObjectSpec>.AlternateLookup<ReadOnlySpan<char>> ObjectsBySpan =
        ObjectsByType.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The category of a type the specification defines; <see langword="null"/> for other types.</summary>
    /// <param name="type">The <c>type</c> value.</param>
    public static StixCategory? CategoryOf(ReadOnlySpan<char> type) =>
        ObjectsBySpan.TryGetValue(type, out var spec) ? spec.Category : null;

    /// <summary>The category of a type the specification defines; <see langword="null"/> for other (custom) types.</summary>
    /// <param name="type">The <c>type</c> value.</param>
    public static StixCategory? CategoryOf(string type) =>
        ObjectsByType.TryGetValue(type, out var spec) ? spec.Category : null;

    /// <summary>Every property name the specification defines, across objects, extensions and structured values.</summary>
    public static IEnumerable<string> AllPropertyNames() => AllProperties().Select(p => p.Name).Distinct(StringComparer.Ordinal);

    /// <summary>Every property of every object, extension and structured value of the catalogue.</summary>
    internal static IEnumerable<PropertySpec> AllProperties()
    {
        var seen = new HashSet<ObjectSpec>();
        var properties = new List<PropertySpec>();
        foreach (var spec in ObjectsByType.Values.Concat(ExtensionsByName.Values))
        {
            Collect(spec, seen, properties);
        }

        return properties;
    }

    private static void Collect(ObjectSpec spec, HashSet<ObjectSpec> seen, List<PropertySpec> properties)
    {
        if (!seen.Add(spec))
        {
            return;
        }

        foreach (var property in spec.Properties)
        {
            properties.Add(property);
            for (var p = property; p is not null; p = p.Items)
            {
                if (p.Shape is { } shape)
                {
                    Collect(shape, seen, properties);
                }
            }
        }
    }
}
