namespace CyDef.Server.Detection;

/// <summary>A skipped line.</summary>
/// <param name="Line">Its number, from 1.</param>
/// <param name="Reason">Why.</param>
public sealed record SkippedLine(long Line, string Reason);
