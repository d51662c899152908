namespace CyDef.Patterns;

/// <summary>
/// Two or more comparison expressions joined by one Boolean Operator (STIX 2.1 §9.6). A chain
/// <c>a AND b AND c</c> is one node with three operands. Operands of <c>AND</c> are satisfied by the same object,
/// so they start from one object type (§9.5).
/// </summary>
/// <param name="Operator">The Boolean Operator.</param>
/// <param name="Operands">The joined expressions, in the order written (at least two).</param>
public sealed record CompositeComparison(BooleanOperator Operator, EquatableArray<ComparisonExpression> Operands)
    : ComparisonExpression;
