namespace CyDef.Patterns;

/// <summary>
/// The set of constants on the right of <c>IN</c> (STIX 2.1 §9.6.1), e.g. <c>('a', 'b')</c>. The items are of one
/// data type (integers and floats count as one, being comparable with each other); the set may be empty.
/// </summary>
/// <param name="Items">The constants, in the order written; never sets themselves.</param>
public sealed record SetConstant(EquatableArray<Constant> Items) : Constant;
