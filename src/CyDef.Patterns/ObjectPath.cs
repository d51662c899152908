using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// An Object Path (STIX 2.1 §9.7): <c>&lt;object-type&gt;:&lt;property_name&gt;</c> followed by steps into
/// nested properties, dictionary keys (<c>hashes.'SHA-256'</c>, <c>extensions.'ntfs-ext'</c>), list items
/// (<c>[0]</c>, <c>[*]</c>) and, after a <c>_ref</c> or <c>_refs</c> property, the referenced object's properties.
/// </summary>
/// <param name="ObjectType">The SCO type the path starts from, e.g. <c>file</c>.</param>
/// <param name="Components">The steps after the colon; the first is always a <see cref="PropertyComponent"/>.</param>
public sealed record ObjectPath(string ObjectType, EquatableArray<PathComponent> Components)
{
    /// <summary>The top-level property the path starts with (<c>hashes</c> in <c>file:hashes.MD5</c>).</summary>
    public string PropertyName => Components.Count > 0 && Components[0] is PropertyComponent first ? first.Name : "";

    /// <summary>The path in canonical pattern syntax, e.g. <c>file:hashes.'SHA-256'</c>.</summary>
    public override string ToString() => PatternFormatter.Format(this);
}
