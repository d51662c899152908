namespace CyDef.Stix.Json;

/// <summary>Why JSON text could not be read, and where.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Path">The JSON path of the value being read when it went wrong, e.g. <c>$.objects[3].name</c>.</param>
/// <param name="Offset">The offset in characters from the start of the input (0-based).</param>
/// <param name="Line">The line (1-based).</param>
/// <param name="Column">The column in characters (1-based).</param>
public sealed record StixReadError(string Message, string Path, long Offset, long Line, long Column)
{
    /// <summary>The error as one line: <c>path (line L, column C, offset O): message</c>.</summary>
    public override string ToString() => $"{Path} (line {Line}, column {Column}, offset {Offset}): {Message}";
}
