namespace CyDef.Stix.Json;

/// <summary>One STIX object read from a stream, or the error that took its place.</summary>
/// <param name="Value">The object, when it was read.</param>
/// <param name="Error">Why it could not be read, otherwise.</param>
/// <param name="Path">Where it stands in the input, e.g. <c>$.objects[41]</c> or <c>$[3]</c>; for NDJSON <c>line 7</c>.</param>
public readonly record struct StixReadItem(StixValue? Value, StixReadError? Error, string Path);
