using System.Diagnostics.CodeAnalysis;
using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// Parses STIX Patterning (STIX 2.1 §9): the grammar of <c>STIXPattern.g4</c> plus the rules of §9 it cannot
/// express. Parsing takes time linear in the length of the text and never throws for bad input.
/// </summary>
public static class StixPattern
{
    /// <summary>
    /// How deeply parentheses may nest (observation and comparison expressions together). Deeper patterns are
    /// rejected with an error rather than risking the stack of whoever walks the tree.
    /// </summary>
    public const int MaxDepth = 100;

    /// <summary>Parses a pattern.</summary>
    /// <param name="text">The pattern, e.g. <c>[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']</c>.</param>
    /// <returns>The pattern, or the first error with its offset.</returns>
    public static PatternParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parser.Parse(text);
    }

    /// <summary>Parses a pattern written for a given version of STIX.</summary>
    /// <param name="text">The pattern.</param>
    /// <param name="version">The version whose grammar applies; 2.0 differs only in taking string constants after
    /// <c>START</c> and <c>STOP</c>.</param>
    /// <returns>The pattern, or the first error with its offset.</returns>
    public static PatternParseResult Parse(string text, StixPatternVersion version)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parser.Parse(text, version);
    }

    /// <summary>Parses a pattern.</summary>
    /// <param name="text">The pattern.</param>
    /// <param name="pattern">The pattern, when valid.</param>
    /// <returns>Whether <paramref name="text"/> is a valid pattern.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out Pattern? pattern) => Parse(text).TryGetValue(out pattern);

    /// <summary>Parses a pattern, telling why it is invalid.</summary>
    /// <param name="text">The pattern.</param>
    /// <param name="pattern">The pattern, when valid.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    /// <returns>Whether <paramref name="text"/> is a valid pattern.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out Pattern? pattern, [NotNullWhen(false)] out PatternError? error)
    {
        var result = Parse(text);
        error = result.Error;
        return result.TryGetValue(out pattern);
    }
}
