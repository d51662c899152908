namespace CyDef.Patterns;

/// <summary>
/// A property name or dictionary key in an object path (STIX 2.1 §9.7.1, §9.7.3). Names that are not plain
/// identifiers are written quoted: <c>hashes.'SHA-256'</c>.
/// </summary>
/// <param name="Name">The property name or key, unquoted.</param>
public sealed record PropertyComponent(string Name) : PathComponent
{
    /// <summary>
    /// Whether the property is an embedded relationship (§9.7.4: its name ends in <c>_ref</c> or <c>_refs</c>),
    /// whose following steps apply to the referenced object.
    /// </summary>
    public bool IsReference => Name.EndsWith("_ref", StringComparison.Ordinal) || Name.EndsWith("_refs", StringComparison.Ordinal);
}
