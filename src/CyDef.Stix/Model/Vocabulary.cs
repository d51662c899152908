using System.Collections.Frozen;

namespace CyDef.Stix.Model;

/// <summary>An open vocabulary (§10) or a closed enumeration of string values.</summary>
public sealed class Vocabulary
{
    /// <summary>Creates a vocabulary.</summary>
    /// <param name="name">Its name in the specification, e.g. <c>malware-type-ov</c>.</param>
    /// <param name="section">The section that defines it, e.g. <c>10.12</c>.</param>
    /// <param name="values">The predefined values.</param>
    public Vocabulary(string name, string section, params string[] values)
    {
        Name = name;
        Section = section;
        Values = values.ToFrozenSet(StringComparer.Ordinal);
        Ordered = values;
    }

    /// <summary>The name in the specification (open vocabularies end in <c>-ov</c>, enumerations in <c>-enum</c>).</summary>
    public string Name { get; }

    /// <summary>The section of the specification that lists the values.</summary>
    public string Section { get; }

    /// <summary>The values, for fast look-up.</summary>
    public FrozenSet<string> Values { get; }

    /// <summary>The values in the specification's order.</summary>
    public IReadOnlyList<string> Ordered { get; }

    /// <summary>Whether <paramref name="value"/> is one of the predefined values.</summary>
    /// <param name="value">The value to look up.</param>
    public bool Contains(string value) => Values.Contains(value);
}
