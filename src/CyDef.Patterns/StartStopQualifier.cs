namespace CyDef.Patterns;

/// <summary>
/// <c>START x STOP y</c> (STIX 2.1 §9.5.1): every matched Observation has an observation time at or after
/// <paramref name="Start"/> and before <paramref name="Stop"/>.
/// </summary>
/// <param name="Start">The start of the window (inclusive).</param>
/// <param name="Stop">The end of the window (exclusive); later than <paramref name="Start"/>.</param>
public sealed record StartStopQualifier(TimestampConstant Start, TimestampConstant Stop) : Qualifier;
