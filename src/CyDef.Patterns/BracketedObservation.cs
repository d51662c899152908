namespace CyDef.Patterns;

/// <summary>
/// Comparison expressions delimited by square brackets (STIX 2.1 §9.5), matched against a single Observation:
/// all of them start from the same SCO.
/// </summary>
/// <param name="Comparison">The comparison expression inside the brackets.</param>
public sealed record BracketedObservation(ComparisonExpression Comparison) : ObservationExpression;
