namespace CyDef.Patterns;

/// <summary><c>[*]</c> in an object path (STIX 2.1 §9.7.2): the comparison is true if it is true of any list item.</summary>
public sealed record AnyIndexComponent : PathComponent
{
    /// <summary>The one instance.</summary>
    public static AnyIndexComponent Instance { get; } = new();
}
