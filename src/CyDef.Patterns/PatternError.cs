namespace CyDef.Patterns;

/// <summary>Why and where a pattern was rejected.</summary>
/// <param name="Kind">A grammar error or a broken rule.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Offset">The zero-based character offset in the pattern where the problem starts.</param>
/// <param name="Expected">For syntax errors, what would have been accepted at <paramref name="Offset"/>, e.g.
/// <c>'SECONDS'</c>; otherwise <see langword="null"/>.</param>
/// <param name="Section">For broken rules, the section of STIX 2.1 that states the rule, e.g. <c>9.5.1</c>.</param>
public sealed record PatternError(PatternErrorKind Kind, string Message, int Offset, string? Expected = null, string? Section = null)
{
    /// <summary>The error as one line: <c>offset 12: message (STIX 2.1 §9.5.1)</c>.</summary>
    public override string ToString() =>
        Section is null ? $"offset {Offset}: {Message}" : $"offset {Offset}: {Message} (STIX 2.1 §{Section})";
}
