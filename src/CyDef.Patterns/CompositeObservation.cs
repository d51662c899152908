namespace CyDef.Patterns;

/// <summary>
/// Two or more observation expressions joined by one Observation Operator (STIX 2.1 §9.5.2), evaluated against
/// different Observations. A chain <c>a AND b AND c</c> is one node with three operands; the operators are left
/// associative, and for <see cref="ObservationOperator.FollowedBy"/> the operands are in time order.
/// </summary>
/// <param name="Operator">The observation operator.</param>
/// <param name="Operands">The joined expressions, in the order written (at least two).</param>
public sealed record CompositeObservation(ObservationOperator Operator, EquatableArray<ObservationExpression> Operands)
    : ObservationExpression;
