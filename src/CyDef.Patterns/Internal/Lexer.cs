namespace CyDef.Patterns.Internal;

/// <summary>
/// Splits a pattern into tokens as STIXPattern.g4's lexer does (longest match, keywords before identifiers),
/// one token per call. Every character is looked at a bounded number of times, so lexing is linear.
/// A malformed constant gives an <see cref="TokenKind.Error"/> token and sets <see cref="Error"/>.
/// </summary>
internal sealed partial class Lexer(string text)
{
    private readonly string _text = text;
    private int _position;

    /// <summary>Why the last <see cref="TokenKind.Error"/> token was produced.</summary>
    public PatternError? Error { get; private set; }

    public Token Next()
    {
        if (!SkipTrivia())
        {
            return Token(TokenKind.Error, _position, 2);
        }

        if (_position >= _text.Length)
        {
            return new Token(TokenKind.End, _text.Length, 0);
        }

        var c = _text[_position];
        return c switch
        {
            '[' => Single(TokenKind.LeftBracket),
            ']' => Single(TokenKind.RightBracket),
            '(' => Single(TokenKind.LeftParen),
            ')' => Single(TokenKind.RightParen),
            ':' => Single(TokenKind.Colon),
            ',' => Single(TokenKind.Comma),
            '*' => Single(TokenKind.Asterisk),
            '=' => Operator(TokenKind.Equal, '=', TokenKind.Equal),
            '!' => Operator(TokenKind.Other, '=', TokenKind.NotEqual),
            '>' => Operator(TokenKind.Greater, '=', TokenKind.GreaterOrEqual),
            '<' => Less(),
            '\'' => StringToken(),
            '.' when IsDigitAt(_position + 1) => Number(),
            '.' => Single(TokenKind.Dot),
            '+' or '-' when StartsNumber(_position + 1) => Number(),
            >= '0' and <= '9' => Number(),
            'h' or 'b' or 't' when At(_position + 1) == '\'' => PrefixedConstant(c),
            _ when IsIdentifierStart(c) => IdentifierOrKeyword(),
            _ => Single(TokenKind.Other),
        };
    }

    /// <summary>The text of a token.</summary>
    public ReadOnlySpan<char> TextOf(Token token) => _text.AsSpan(token.Start, token.Length);

    /// <summary>
    /// Skips white space (the grammar's WS set, which is Unicode's White_Space property) and comments.
    /// Returns false, with <see cref="Error"/> set, for a comment that is never closed.
    /// </summary>
    private bool SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '/' && At(_position + 1) == '*')
            {
                var close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    Error = new PatternError(PatternErrorKind.Syntax, "the comment is never closed: '/*' needs a matching '*/'", _position);
                    return false;
                }

                _position = close + 2;
            }
            else if (c == '/' && At(_position + 1) == '/')
            {
                var end = _text.AsSpan(_position).IndexOfAny('\r', '\n');
                _position = end < 0 ? _text.Length : _position + end;
            }
            else
            {
                return true;
            }
        }

        return true;
    }

    // STIXPattern.g4 WS: [ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]
    internal static bool IsWhiteSpace(char c) => c switch
    {
        ' ' or '\t' or '\r' or '\n' or '\u000B' or '\u000C' or '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    private Token Less() => At(_position + 1) switch
    {
        '=' => Token(TokenKind.LessOrEqual, _position, 2),
        '>' => Token(TokenKind.NotEqual, _position, 2),
        _ => Single(TokenKind.Less),
    };

    /// <summary>A one-character operator that may be followed by <paramref name="second"/> to form a longer one.</summary>
    private Token Operator(TokenKind alone, char second, TokenKind pair) =>
        At(_position + 1) == second ? Token(pair, _position, 2) : Single(alone);

    private Token IdentifierOrKeyword()
    {
        var start = _position;
        var hyphen = false;
        var end = start + 1;
        for (; end < _text.Length && IsIdentifierPart(_text[end]); end++)
        {
            hyphen |= _text[end] == '-';
        }

        var kind = hyphen ? TokenKind.HyphenIdentifier : Keyword(_text.AsSpan(start, end - start));
        return Token(kind, start, end - start);
    }

    /// <summary>The keyword token a word is, or <see cref="TokenKind.Identifier"/> (keywords win over identifiers, as in the grammar).</summary>
    internal static TokenKind Keyword(ReadOnlySpan<char> word) => word switch
    {
        "AND" => TokenKind.And,
        "OR" => TokenKind.Or,
        "NOT" => TokenKind.Not,
        "FOLLOWEDBY" => TokenKind.FollowedBy,
        "LIKE" => TokenKind.Like,
        "MATCHES" => TokenKind.Matches,
        "ISSUPERSET" => TokenKind.IsSuperset,
        "ISSUBSET" => TokenKind.IsSubset,
        "EXISTS" => TokenKind.Exists,
        "LAST" => TokenKind.Last,
        "IN" => TokenKind.In,
        "START" => TokenKind.Start,
        "STOP" => TokenKind.Stop,
        "SECONDS" => TokenKind.Seconds,
        "WITHIN" => TokenKind.Within,
        "REPEATS" => TokenKind.Repeats,
        "TIMES" => TokenKind.Times,
        "true" => TokenKind.True,
        "false" => TokenKind.False,
        _ => TokenKind.Identifier,
    };

    internal static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-';

    private Token Single(TokenKind kind) => Token(kind, _position, 1);

    private Token Token(TokenKind kind, int start, int length)
    {
        _position = start + length;
        return new Token(kind, start, length);
    }

    private Token Fail(string message, int offset)
    {
        Error = new PatternError(PatternErrorKind.Syntax, message, offset);
        return Token(TokenKind.Error, offset, Math.Max(1, _position - offset));
    }

    private char At(int index) => index < _text.Length ? _text[index] : '\0';

    private bool IsDigitAt(int index) => char.IsAsciiDigit(At(index));

    private bool StartsNumber(int index) => IsDigitAt(index) || (At(index) == '.' && IsDigitAt(index + 1));
}
