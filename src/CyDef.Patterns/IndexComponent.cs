namespace CyDef.Patterns;

/// <summary>
/// A list index in an object path, <c>[n]</c> (STIX 2.1 §9.7.2). An index outside the list (negative ones
/// included, which the grammar allows) makes every comparison on the path false.
/// </summary>
/// <param name="Index">The zero-based index.</param>
public sealed record IndexComponent(int Index) : PathComponent;
