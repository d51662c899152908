namespace CyDef.Patterns;

/// <summary>
/// An observation expression followed by one or more Qualifiers (STIX 2.1 §9.5.1). Each qualifier applies to
/// the expression together with the qualifiers before it: <c>[a] REPEATS 2 TIMES WITHIN 5 SECONDS</c> means
/// two matches of <c>[a]</c>, both within five seconds.
/// </summary>
/// <param name="Expression">The qualified expression: a <see cref="BracketedObservation"/> or a parenthesised
/// <see cref="CompositeObservation"/>.</param>
/// <param name="Qualifiers">The qualifiers in the order written (at least one).</param>
public sealed record QualifiedObservation(ObservationExpression Expression, EquatableArray<Qualifier> Qualifiers)
    : ObservationExpression;
