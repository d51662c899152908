using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// An Observation Expression (STIX 2.1 §9.5): comparison expressions in square brackets
/// (<see cref="BracketedObservation"/>), observation expressions joined by an Observation Operator
/// (<see cref="CompositeObservation"/>), or an observation expression with qualifiers (<see cref="QualifiedObservation"/>).
/// </summary>
public abstract record ObservationExpression
{
    private protected ObservationExpression()
    {
    }

    /// <summary>The expression in canonical pattern syntax.</summary>
    public sealed override string ToString() => PatternFormatter.Format(this);
}
