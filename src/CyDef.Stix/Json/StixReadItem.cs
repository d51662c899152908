namespace CyDef.Stix.Json;

/// <summary>One STIX object read from a stream, or the error that took its place.</summary>
public readonly record struct StixReadItem
{
    private readonly string? _path;
    private readonly int _line;
    private readonly int _index; // one more than the item's index in the array at _path; 0 when _path is the item's own

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

    // An item of the array at arrayPath (a bundle's objects), whose path is likewise written out only when asked for.
    internal StixReadItem(StixValue? value, StixReadError? error, string arrayPath, int index)
    {
        Value = value;
        Error = error;
        _path = arrayPath;
        _index = index + 1;
    }

    /// <summary>The object, when it was read.</summary>
    public StixValue? Value { get; init; }

    /// <summary>Why it could not be read, otherwise.</summary>
    public StixReadError? Error { get; init; }

    /// <summary>Where it stands in the input, e.g. <c>$.objects[41]</c> or <c>$[3]</c> (the fourth line of NDJSON).</summary>
    public string Path => _index > 0 ? JsonPath.Index(_path!, _index - 1) : _path ?? TopLevelPath(_line);

    /// <summary>Whether <see cref="Path"/> is already a string (not to be written out from a line number or an index).</summary>
    internal bool PathIsWritten => _path is not null && _index == 0;

    internal static string TopLevelPath(int line) => line <= 1 ? "$" : JsonPath.Index("$", line - 1);
}
