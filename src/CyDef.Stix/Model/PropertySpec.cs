using CyDef.Stix.Validation;

namespace CyDef.Stix.Model;

/// <summary>What the specification says of one property: its type, whether it is required, and its limits.</summary>
/// <param name="Name">The property name (for list items, the list's name).</param>
/// <param name="Type">The data type.</param>
public sealed record PropertySpec(string Name, PropertyType Type)
{
    /// <summary>Whether the property MUST be present.</summary>
    public bool Required { get; init; }

    /// <summary>For <see cref="PropertyType.List"/>: the specification of each item.</summary>
    public PropertySpec? Items { get; init; }

    /// <summary>
    /// For <see cref="PropertyType.Identifier"/>: the object types it may refer to; <see langword="null"/>
    /// for any. The special entries <c>&lt;sdo&gt;</c>, <c>&lt;sco&gt;</c>, <c>&lt;sro&gt;</c> and
    /// <c>&lt;custom&gt;</c> stand for whole categories.
    /// </summary>
    public IReadOnlyList<string>? ReferenceTypes { get; init; }

    /// <summary>For <see cref="PropertyType.OpenVocabulary"/> and <see cref="PropertyType.Enumeration"/>: the values.</summary>
    public Vocabulary? Vocabulary { get; init; }

    /// <summary>For <see cref="PropertyType.Object"/> (and dictionaries of objects): the shape of the value.</summary>
    public ObjectSpec? Shape { get; init; }

    /// <summary>For numbers: the least allowed value.</summary>
    public double? Minimum { get; init; }

    /// <summary>For numbers: the greatest allowed value.</summary>
    public double? Maximum { get; init; }

    /// <summary>For strings: a format the value must have.</summary>
    public StringFormat Format { get; init; }

    /// <summary>Whether the specification deprecates the property (a warning when used).</summary>
    public bool Deprecated { get; init; }

    /// <summary>The section of the specification that defines the property.</summary>
    public string? Section { get; init; }

    /// <summary>A copy that MUST be present.</summary>
    public PropertySpec AsRequired() => this with { Required = true };

    /// <summary>A copy marked as deprecated.</summary>
    public PropertySpec AsDeprecated() => this with { Deprecated = true };

    /// <summary>A copy with a number range.</summary>
    /// <param name="minimum">The least allowed value, if any.</param>
    /// <param name="maximum">The greatest allowed value, if any.</param>
    public PropertySpec InRange(double? minimum, double? maximum) => this with { Minimum = minimum, Maximum = maximum };
}
