using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// One step of an <see cref="ObjectPath"/> (STIX 2.1 §9.7): a property or dictionary key
/// (<see cref="PropertyComponent"/>), a list index (<see cref="IndexComponent"/>) or every list item
/// (<see cref="AnyIndexComponent"/>).
/// </summary>
public abstract record PathComponent
{
    private protected PathComponent()
    {
    }

    /// <summary>The step in canonical pattern syntax, e.g. <c>.'SHA-256'</c> or <c>[*]</c>.</summary>
    public sealed override string ToString() => PatternFormatter.Format(this);
}
