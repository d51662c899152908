namespace CyDef.Patterns;

/// <summary><c>REPEATS x TIMES</c> (STIX 2.1 §9.5.1): the expression matches at least <paramref name="Count"/> different Observations.</summary>
/// <param name="Count">How many matches; positive.</param>
public sealed record RepeatsQualifier(long Count) : Qualifier;
