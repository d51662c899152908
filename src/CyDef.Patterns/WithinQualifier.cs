namespace CyDef.Patterns;

/// <summary><c>WITHIN x SECONDS</c> (STIX 2.1 §9.5.1): all matched Observations lie within a window of <paramref name="Seconds"/>.</summary>
/// <param name="Seconds">The window; positive and finite.</param>
public sealed record WithinQualifier(double Seconds) : Qualifier;
