using System.Globalization;

namespace CyDef.Patterns.Internal;

/// <summary>
/// A recursive-descent parser for STIXPattern.g4 that checks the rules of STIX 2.1 §9 as it builds the tree, so
/// every error carries the offset of the text that breaks it. It stops at the first error. Chains of one operator
/// are parsed by loops, and only parentheses recurse, up to <see cref="StixPattern.MaxDepth"/>.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _text;
    private readonly Lexer _lexer;
    private Token _token;
    private PatternError? _error;
    private readonly StixPatternVersion _version;
    private int _depth;

    private Parser(string text, StixPatternVersion version)
    {
        _text = text;
        _version = version;
        _lexer = new Lexer(text);
    }

    public static PatternParseResult Parse(string text, StixPatternVersion version = StixPatternVersion.Stix21)
    {
        var parser = new Parser(text, version);
        var pattern = parser.ParsePattern();
        return pattern is null ? PatternParseResult.ForError(parser._error!) : PatternParseResult.ForValue(pattern);
    }

    private Pattern? ParsePattern()
    {
        Advance();
        if (_token.Kind is not (TokenKind.LeftBracket or TokenKind.LeftParen))
        {
            Fail("'[' or '(': a pattern starts with an observation expression in square brackets", MissingBrackets());
            return null;
        }

        var expression = ParseObservations(ObservationOperator.FollowedBy);
        if (expression is null)
        {
            return null;
        }

        if (_token.Kind != TokenKind.End)
        {
            Fail(ObservationContinuations + " or the end of the pattern");
            return null;
        }

        return new Pattern(expression);
    }

    private string? MissingBrackets() => _token.Kind switch
    {
        TokenKind.End => "the pattern is empty",
        TokenKind.Error => null,
        _ => $"the pattern is missing square brackets: found {Describe(_token)} where an observation expression such as [file:name = 'a.exe'] must start",
    };

    private void Advance() => _token = _lexer.Next();

    private ReadOnlySpan<char> TextOf(Token token) => _text.AsSpan(token.Start, token.Length);

    /// <summary>The content of a quoted token: between the apostrophes, after any h, b or t prefix.</summary>
    private ReadOnlySpan<char> ContentOf(Token token)
    {
        var prefix = _text[token.Start] == '\'' ? 1 : 2;
        return _text.AsSpan(token.Start + prefix, token.Length - prefix - 1);
    }

    private bool Expect(TokenKind kind, string expected)
    {
        if (_token.Kind == kind)
        {
            Advance();
            return true;
        }

        Fail(expected);
        return false;
    }

    /// <summary>A syntax error at the current token (or the lexer's error, when the token is one).</summary>
    private void Fail(string expected, string? message = null)
    {
        if (_error is not null)
        {
            return;
        }

        _error = _token.Kind == TokenKind.Error && _lexer.Error is { } lexical
            ? lexical with { Expected = expected }
            : new PatternError(PatternErrorKind.Syntax, message ?? $"unexpected {Describe(_token)}; expected {expected}", _token.Start, expected);
    }

    /// <summary>A broken rule of the specification.</summary>
    private void Violation(string message, int offset, string section) =>
        _error ??= new PatternError(PatternErrorKind.Semantic, message, offset, Section: section);

    private bool Enter()
    {
        if (++_depth <= StixPattern.MaxDepth)
        {
            return true;
        }

        _error ??= new PatternError(PatternErrorKind.Limit,
            string.Create(CultureInfo.InvariantCulture, $"parentheses are nested more than {StixPattern.MaxDepth} deep"), _token.Start);
        return false;
    }

    private void Leave() => _depth--;

    private string Describe(Token token)
    {
        if (token.Kind == TokenKind.End)
        {
            return "the end of the pattern";
        }

        const int Longest = 40;
        var text = TextOf(token);
        return text.Length <= Longest ? $"'{text}'" : $"'{text[..Longest]}…'";
    }
}
