using CyDef.Stix.Json;

namespace CyDef.Stix.Validation;

/// <summary>Where an <see cref="ObjectRule"/> reports its findings; knows the JSON path of the object.</summary>
public sealed class ValidationContext
{
    private readonly List<ValidationIssue> _issues;
    private readonly string?[] _timestampNames = new string?[8];
    private readonly StixTimestamp[] _timestamps = new StixTimestamp[8];
    private StixValue? _timestampOwner;
    private int _timestampCount;
    private StixReadItem? _placedAt;
    private ValidationIssue.ItemPath? _placedPath;

    internal ValidationContext(ValidationOptions options, List<ValidationIssue> issues)
    {
        Options = options;
        _issues = issues;
    }

    /// <summary>The options in force.</summary>
    public ValidationOptions Options { get; }

    /// <summary>The JSON path of the object being validated.</summary>
    public string Path => Where.Full;

    /// <summary>Where the object being validated stands; written out as a path only when asked.</summary>
    internal At Where { get; set; } = "$";

    /// <summary>Reads a timestamp property of <paramref name="value"/>, when present and well formed.</summary>
    /// <param name="value">The object.</param>
    /// <param name="name">The property.</param>
    /// <param name="timestamp">The timestamp.</param>
    /// <remarks>The validator parses each timestamp of an object once, when it checks the property; rules read it here.</remarks>
    public bool TryGetTimestamp(StixValue value, string name, out StixTimestamp timestamp)
    {
        if (ReferenceEquals(value, _timestampOwner))
        {
            for (var i = 0; i < _timestampCount; i++)
            {
                if (ReferenceEquals(_timestampNames[i], name) || _timestampNames[i] == name)
                {
                    timestamp = _timestamps[i];
                    return true;
                }
            }
        }

        timestamp = default;
        return value[name]?.AsString() is { } text && StixTimestamp.TryParse(text, out timestamp);
    }

    /// <summary>
    /// Sets the item of a stream the object to validate at <c>$</c> is (none: <see langword="null"/>), whose path is put
    /// ahead of the paths of the findings (<see cref="Issue"/>): written out only when the path of one of them is asked for.
    /// </summary>
    internal void PlaceAt(StixReadItem? item)
    {
        _placedAt = item;
        _placedPath = null;
    }

    /// <summary>How many findings have been reported so far.</summary>
    internal int IssueCount => _issues.Count;

    /// <summary>Places findings ahead of those reported since <paramref name="index"/>.</summary>
    internal void InsertIssues(int index, List<ValidationIssue> issues) => _issues.InsertRange(index, issues);

    internal void BeginObject(StixValue owner)
    {
        _timestampOwner = owner;
        _timestampCount = 0;
    }

    internal void RememberTimestamp(string name, StixTimestamp timestamp)
    {
        if (_timestampCount < _timestamps.Length)
        {
            _timestampNames[_timestampCount] = name;
            _timestamps[_timestampCount++] = timestamp;
        }
    }

    /// <summary>Reports a broken MUST.</summary>
    /// <param name="property">The offending property, relative to the object (<c>""</c> for the object itself; may hold <c>.</c> and <c>[n]</c>).</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="section">The section of STIX 2.1 that states the rule.</param>
    public void Error(string property, string message, string section) =>
        _issues.Add(Issue(ValidationSeverity.Error, JsonPath.Combine(Path, property), message, section));

    /// <summary>Reports a broken SHOULD, unless the options turn its check off.</summary>
    /// <param name="check">The best-practice check's name, e.g. <c>custom-prefix</c>.</param>
    /// <param name="property">The offending property, relative to the object.</param>
    /// <param name="message">What is questionable.</param>
    /// <param name="section">The section of STIX 2.1 that states the rule.</param>
    public void Warning(string check, string property, string message, string section)
    {
        if (Options.IsCheckEnabled(check))
        {
            _issues.Add(Issue(ValidationSeverity.Warning, JsonPath.Combine(Path, property), message, section, check));
        }
    }

    internal void Error(string path, string message, string section, bool absolute) =>
        _issues.Add(Issue(ValidationSeverity.Error, absolute ? path : JsonPath.Combine(Path, path), message, section));

    internal void Warning(string check, string path, string message, string section, bool absolute)
    {
        if (Options.IsCheckEnabled(check))
        {
            _issues.Add(Issue(ValidationSeverity.Warning, absolute ? path : JsonPath.Combine(Path, path), message, section, check));
        }
    }

    /// <summary>A finding at <paramref name="path"/>, put under the path of the item set by <see cref="PlaceAt"/>, if any.</summary>
    /// <param name="severity">Error or warning.</param>
    /// <param name="path">The path from the object's own root, <c>$</c>.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="section">The section of STIX 2.1.</param>
    /// <param name="check">The best-practice check, for a warning.</param>
    internal ValidationIssue Issue(ValidationSeverity severity, string path, string message, string section, string? check = null) =>
        _placedAt is { } item
            ? new ValidationIssue(severity, _placedPath ??= new ValidationIssue.ItemPath(item), path, message, section, check)
            : new ValidationIssue(severity, path, message, section, check);
}
