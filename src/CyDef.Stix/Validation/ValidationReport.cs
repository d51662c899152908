namespace CyDef.Stix.Validation;

/// <summary>What the validator found in one input: MUST violations (errors) and SHOULD findings (warnings).</summary>
public sealed class ValidationReport
{
    internal ValidationReport(IReadOnlyList<ValidationIssue> issues, bool strict, int objectCount)
    {
        Issues = issues;
        Strict = strict;
        ObjectCount = objectCount;
    }

    /// <summary>Every finding, in the order of the input.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>How many STIX objects were validated.</summary>
    public int ObjectCount { get; }

    /// <summary>Whether SHOULD findings count against validity.</summary>
    public bool Strict { get; }

    /// <summary>Whether no MUST was broken.</summary>
    public bool HasNoErrors => !Issues.Any(i => i.Severity == ValidationSeverity.Error);

    /// <summary>Whether the content is valid: no errors, and in strict mode no warnings either.</summary>
    public bool IsValid => Strict ? Issues.Count == 0 : HasNoErrors;

    /// <summary>The MUST violations.</summary>
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == ValidationSeverity.Error);

    /// <summary>The SHOULD findings.</summary>
    public IEnumerable<ValidationIssue> Warnings => Issues.Where(i => i.Severity == ValidationSeverity.Warning);
}
