using System.Collections.Frozen;
using CyDef.Stix.Validation;

namespace CyDef.Stix.Model;

/// <summary>
/// What the specification says of one object type, extension or structured value: its properties and
/// the rules across them that a schema cannot express.
/// </summary>
public sealed class ObjectSpec
{
    private readonly FrozenDictionary<string, PropertySpec> _byName;

    /// <summary>Creates an object specification.</summary>
    /// <param name="type">The <c>type</c> value (or the extension or structure name).</param>
    /// <param name="category">The kind of object.</param>
    /// <param name="section">The section of the specification that defines it.</param>
    /// <param name="properties">All of its properties, common ones included.</param>
    public ObjectSpec(string type, StixCategory category, string section, IEnumerable<PropertySpec> properties)
    {
        Type = type;
        Category = category;
        Section = section;
        PropertyArray = properties.ToArray();
        Properties = PropertyArray;
        RequiredCount = PropertyArray.Count(p => p.Required);
        _byName = PropertyArray.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The <c>type</c> value, extension name or structure name.</summary>
    public string Type { get; }

    /// <summary>The kind of object.</summary>
    public StixCategory Category { get; }

    /// <summary>The section of the specification that defines it.</summary>
    public string Section { get; }

    /// <summary>Every property the specification defines for it, common ones included.</summary>
    public IReadOnlyList<PropertySpec> Properties { get; }

    /// <summary>For cyber-observables: the ID Contributing Properties (§2.9), in order.</summary>
    public IReadOnlyList<string> IdContributingProperties { get; init; } = [];

    /// <summary>Rules across properties, each citing its section.</summary>
    public IReadOnlyList<ObjectRule> Rules
    {
        get => RuleArray;
        init => RuleArray = [.. value];
    }

    /// <summary>Whether the object must have at least one property besides those that are always there
    /// (used by structured values such as windows-pebinary-ext's optional header).</summary>
    public bool RequiresAnyProperty { get; init; }

    /// <summary>The properties, as an array: no enumerator on the validator's path.</summary>
    internal PropertySpec[] PropertyArray { get; }

    /// <summary>The rules, as an array.</summary>
    internal ObjectRule[] RuleArray { get; private init; } = [];

    /// <summary>How many of the properties are required.</summary>
    internal int RequiredCount { get; }

    /// <summary>Finds a property by name.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="property">Its specification, when defined.</param>
    public bool TryGetProperty(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PropertySpec? property) =>
        _byName.TryGetValue(name, out property);
}
