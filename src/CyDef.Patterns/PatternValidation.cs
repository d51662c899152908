using CyDef.Patterns.Internal;
using CyDef.Stix.Validation;

namespace CyDef.Patterns;

/// <summary>
/// Validates the pattern of an indicator (<c>pattern_type</c> <c>stix</c>) as STIX content: the pattern must parse
/// (<see cref="StixPattern.Parse(string)"/>: grammar and §9), and what it names must follow the rest of STIX 2.1 —
/// object types and property names (§3.1, §11), real timestamps (§2.16), and, as options ask, only the
/// specification's cyber-observable types and properties (§6) and the custom-name best practices.
/// </summary>
public static class PatternValidation
{
    /// <summary>
    /// A validator for <see cref="ValidationOptions.PatternValidator"/> with the default options: returns
    /// <see langword="null"/> for a valid pattern, otherwise the first error as one line.
    /// </summary>
    public static Func<string, string?> Validator { get; } = CreateValidator(ValidationOptions.Default);

    /// <summary>
    /// A validator for <see cref="ValidationOptions.PatternValidator"/> that applies <paramref name="options"/>:
    /// <see cref="ValidationOptions.StrictTypes"/>, <see cref="ValidationOptions.StrictProperties"/>, the
    /// best-practice checks, and <see cref="ValidationOptions.Strict"/> (warnings count as errors).
    /// </summary>
    /// <param name="options">The options of the surrounding validation.</param>
    public static Func<string, string?> CreateValidator(ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return pattern => FirstProblem(Validate(pattern, options), options.Strict);
    }

    /// <summary>Validates pattern text: its syntax and §9 rules, then what it names.</summary>
    /// <param name="pattern">The pattern text.</param>
    /// <param name="options">The options; <see cref="ValidationOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The findings, in the order of the text; empty when there are none.</returns>
    public static IReadOnlyList<PatternIssue> Validate(string pattern, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var result = StixPattern.Parse(pattern);
        if (!result.TryGetValue(out var parsed))
        {
            var error = result.Error!;
            return [new PatternIssue(ValidationSeverity.Error, error.Message, error.Section ?? "9", Offset: error.Offset)];
        }

        return Validate(parsed, options);
    }

    /// <summary>Validates what a parsed pattern names (object types, properties, timestamps).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="options">The options; <see cref="ValidationOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The findings, in the order of the pattern; empty when there are none.</returns>
    public static IReadOnlyList<PatternIssue> Validate(Pattern pattern, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new ContentChecks(options ?? ValidationOptions.Default).Run(pattern);
    }

    private static string? FirstProblem(IReadOnlyList<PatternIssue> issues, bool strict)
    {
        foreach (var issue in issues)
        {
            if (issue.Severity == ValidationSeverity.Error || strict)
            {
                return issue.Offset is { } offset ? $"{issue.Message} (at offset {offset})" : issue.Message;
            }
        }

        return null;
    }
}
