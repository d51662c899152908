using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CyDef.Patterns;

/// <summary>
/// The regular expression of a <c>MATCHES</c> comparison (STIX 2.1 §9.6.1: PCRE syntax, searched, with DOTALL).
/// .NET's syntax stands in for PCRE's: the common constructs are the same; PCRE-only ones (possessive
/// quantifiers, <c>\Q…\E</c>, <c>(?P&lt;name&gt;…)</c>) are rejected by the parser.
/// </summary>
public static class PatternRegex
{
    /// <summary>DOTALL (<see cref="RegexOptions.Singleline"/>) as §9.6.1 requires, and no culture-specific matching.</summary>
    public const RegexOptions Options = RegexOptions.Singleline | RegexOptions.CultureInvariant;

    /// <summary>How long a match may run on the backtracking engine before it is abandoned.</summary>
    public static TimeSpan BacktrackingTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Builds the regular expression for matching: with <see cref="RegexOptions.NonBacktracking"/> (linear time, so
    /// safe on untrusted patterns and data) where it supports the expression, otherwise (backreferences,
    /// lookarounds, atomic groups) on the backtracking engine with <see cref="BacktrackingTimeout"/>.
    /// </summary>
    /// <param name="pattern">The regular expression, i.e. the value of the string constant.</param>
    /// <param name="regex">The compiled expression.</param>
    /// <param name="error">Why <paramref name="pattern"/> is not a valid regular expression.</param>
    public static bool TryCreate(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        regex = null;
        error = null;
        try
        {
            regex = new Regex(pattern, Options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Constructs NonBacktracking lacks, or an expression too large for it: fall through.
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }

        try
        {
            regex ??= new Regex(pattern, Options, BacktrackingTimeout);
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }
}
