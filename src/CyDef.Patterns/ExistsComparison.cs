namespace CyDef.Patterns;

/// <summary><c>EXISTS a</c> (STIX 2.1 §9.6.1): the property named by <paramref name="Path"/> exists on the object.</summary>
/// <param name="Path">The object path.</param>
/// <param name="Negated">Whether <c>NOT</c> precedes <c>EXISTS</c>.</param>
public sealed record ExistsComparison(ObjectPath Path, bool Negated = false) : ComparisonExpression;
