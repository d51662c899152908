using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// A STIX pattern (STIX 2.1 §9.4, "Pattern Expression"): one or more Observation Expressions joined by
/// Observation Operators. Obtain one from <see cref="StixPattern.Parse(string)"/>; a parsed pattern has passed
/// the grammar and the semantic rules of §9.
/// </summary>
/// <param name="Expression">The observation expression the pattern consists of.</param>
public sealed record Pattern(ObservationExpression Expression)
{
    /// <summary>The pattern in canonical form: parsing it again gives an equal pattern.</summary>
    public override string ToString() => PatternFormatter.Format(this);
}
