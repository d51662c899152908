using CyDef.Stix.Json;

namespace CyDef.Stix.Validation;

/// <summary>Where an <see cref="ObjectRule"/> reports its findings; knows the JSON path of the object.</summary>
public sealed class ValidationContext
{
    private readonly List<ValidationIssue> _issues;

    internal ValidationContext(ValidationOptions options, List<ValidationIssue> issues)
    {
        Options = options;
        _issues = issues;
    }

    /// <summary>The options in force.</summary>
    public ValidationOptions Options { get; }

    /// <summary>The JSON path of the object being validated.</summary>
    public string Path { get; internal set; } = "$";

    /// <summary>Reports a broken MUST.</summary>
    /// <param name="property">The offending property, relative to the object (<c>""</c> for the object itself; may hold <c>.</c> and <c>[n]</c>).</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="section">The section of STIX 2.1 that states the rule.</param>
    public void Error(string property, string message, string section) =>
        _issues.Add(new ValidationIssue(ValidationSeverity.Error, JsonPath.Combine(Path, property), message, section));

    /// <summary>Reports a broken SHOULD, unless the options turn its check off.</summary>
    /// <param name="check">The best-practice check's name, e.g. <c>custom-prefix</c>.</param>
    /// <param name="property">The offending property, relative to the object.</param>
    /// <param name="message">What is questionable.</param>
    /// <param name="section">The section of STIX 2.1 that states the rule.</param>
    public void Warning(string check, string property, string message, string section)
    {
        if (Options.IsCheckEnabled(check))
        {
            _issues.Add(new ValidationIssue(ValidationSeverity.Warning, JsonPath.Combine(Path, property), message, section, check));
        }
    }

    internal void Error(string path, string message, string section, bool absolute) =>
        _issues.Add(new ValidationIssue(ValidationSeverity.Error, absolute ? path : JsonPath.Combine(Path, path), message, section));

    internal void Warning(string check, string path, string message, string section, bool absolute)
    {
        if (Options.IsCheckEnabled(check))
        {
            _issues.Add(new ValidationIssue(ValidationSeverity.Warning, absolute ? path : JsonPath.Combine(Path, path), message, section, check));
        }
    }
}
