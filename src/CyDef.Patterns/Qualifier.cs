using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// An Observation Expression Qualifier (STIX 2.1 §9.5.1): <see cref="WithinQualifier"/>,
/// <see cref="RepeatsQualifier"/> or <see cref="StartStopQualifier"/>.
/// </summary>
public abstract record Qualifier
{
    private protected Qualifier()
    {
    }

    /// <summary>The qualifier in canonical pattern syntax, e.g. <c>WITHIN 300 SECONDS</c>.</summary>
    public sealed override string ToString() => PatternFormatter.Format(this);
}
