using CyDef.Stix.Validation;

namespace CyDef.Patterns;

/// <summary>One finding of <see cref="PatternValidation"/>.</summary>
/// <param name="Severity">Error for a MUST of the specification, warning for a SHOULD or best practice.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Section">The section of STIX 2.1 that states the rule, e.g. <c>9.5.1</c>.</param>
/// <param name="Check">For warnings, the best-practice check's name as the OASIS validator names it (e.g.
/// <c>custom-prefix</c>); otherwise <see langword="null"/>.</param>
/// <param name="Offset">For errors found while parsing, the character offset in the pattern.</param>
public sealed record PatternIssue(ValidationSeverity Severity, string Message, string Section, string? Check = null, int? Offset = null)
{
    /// <summary>The finding as one line, e.g. <c>offset 5: … (STIX 2.1 §9.5.1)</c>.</summary>
    public override string ToString() =>
        $"{(Offset is { } offset ? $"offset {offset}: " : "")}{(Severity == ValidationSeverity.Warning ? "warning: " : "")}{Message} (STIX 2.1 §{Section})";
}
