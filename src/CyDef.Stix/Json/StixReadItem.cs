namespace CyDef.Stix.Json;

/// <summary>One STIX object read from a stream, or the error that took its place.</summary>
public readonly record struct StixReadItem
{
    private readonly string? _path;
    private readonly int _line;

    /// <summary>Creates an item.</summary>
    /// <param name="value">The object, when it was read.</param>
    /// <param name="error">Why it could not be read, otherwise.</param>
    /// <param name="path">Where it stands in the input.</param>
    public StixReadItem(StixValue? value, StixReadError? error, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Value = value;
        Error = error;
        _path = path;
    }

    // The n-th top-level value of a file (n from 1), whose path is written out only when asked for: a file of
    // NDJSON has a line per object, and most paths are never looked at.
    internal StixReadItem(StixValue? value, StixReadError? error, int line)
    {
        Value = value;
        Error = error;
        _line = line;
    }

    /// <summary>The object, when it was read.</summary>
    public StixValue? Value { get; init; }

    /// <summary>Why it could not be read, otherwise.</summary>
    public StixReadError? Error { get; init; }

    /// <summary>Where it stands in the input, e.g. <c>$.objects[41]</c> or <c>$[3]</c> (the fourth line of NDJSON).</summary>
    public string Path => _path ?? TopLevelPath(_line);

    /// <summary>Whether <see cref="Path"/> is already a string (not to be written out from the line number).</summary>
    internal bool PathIsWritten => _path is not null;

    internal static string TopLevelPath(int line) => line <= 1 ? "$" : JsonPath.Index("$", line - 1);
}
