namespace CyDef.Patterns;

/// <summary>
/// An object path compared with a constant by a Comparison Operator (STIX 2.1 §9.6.1), e.g.
/// <c>file:size &gt; 1024</c> or <c>process:name NOT IN ('a', 'b')</c>.
/// </summary>
/// <param name="Path">The object path (the left operand).</param>
/// <param name="Operator">The comparison operator.</param>
/// <param name="Value">The constant: a <see cref="SetConstant"/> for <see cref="ComparisonOperator.In"/>, a
/// <see cref="StringConstant"/> for <c>LIKE</c>, <c>MATCHES</c>, <c>ISSUBSET</c> and <c>ISSUPERSET</c>.</param>
/// <param name="Negated">Whether the operator is preceded by <c>NOT</c>, negating the result.</param>
public sealed record PropertyComparison(ObjectPath Path, ComparisonOperator Operator, Constant Value, bool Negated = false)
    : ComparisonExpression;
