namespace CyDef.Stix.Validation;

/// <summary>One finding of the validator.</summary>
/// <param name="Severity">Error for a MUST, warning for a SHOULD.</param>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$.objects[3].created</c>.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Section">The section of STIX 2.1 that states the rule, e.g. <c>3.2</c>.</param>
/// <param name="Check">For SHOULD findings, the name of the best-practice check (as the OASIS validator names it), else <see langword="null"/>.</param>
public sealed record ValidationIssue(ValidationSeverity Severity, string Path, string Message, string Section, string? Check = null)
{
    /// <summary>The finding as one line: <c>path: message (STIX 2.1 §section)</c>.</summary>
    public override string ToString() =>
        $"{Path}: {(Severity == ValidationSeverity.Warning ? "warning: " : "")}{Message} (STIX 2.1 §{Section})";
}
