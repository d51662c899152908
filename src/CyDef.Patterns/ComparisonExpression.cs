using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// A Comparison Expression (STIX 2.1 §9.6): an object path compared with a constant
/// (<see cref="PropertyComparison"/>), an <c>EXISTS</c> test (<see cref="ExistsComparison"/>), or comparison
/// expressions joined by a Boolean Operator (<see cref="CompositeComparison"/>).
/// </summary>
public abstract record ComparisonExpression
{
    private protected ComparisonExpression()
    {
    }

    /// <summary>The expression in canonical pattern syntax.</summary>
    public sealed override string ToString() => PatternFormatter.Format(this);
}
