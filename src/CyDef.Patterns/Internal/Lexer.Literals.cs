namespace CyDef.Patterns.Internal;

/// <summary>The constants: numbers, strings and the <c>h''</c>, <c>b''</c> and <c>t''</c> forms.</summary>
internal sealed partial class Lexer
{
    /// <summary>IntPosLiteral, IntNegLiteral, FloatPosLiteral, FloatNegLiteral: <c>[+-]?digits</c> or <c>[+-]?digits?.digits</c>.</summary>
    private Token Number()
    {
        var start = _position;
        var index = _text[start] is '+' or '-' ? start + 1 : start;
        var digits = index;
        while (IsDigitAt(index))
        {
            index++;
        }

        if (At(index) == '.' && IsDigitAt(index + 1))
        {
            index++;
            while (IsDigitAt(index))
            {
                index++;
            }

            return Token(TokenKind.Float, start, index - start);
        }

        _position = index;
        if (index - digits > 1 && _text[digits] == '0')
        {
            // The grammar's IntPosLiteral is '0' | [1-9][0-9]*: "007" is three tokens, never one integer.
            return Fail($"'{_text[start..index]}' is not an integer: integers are written without leading zeros", start);
        }

        return Token(TokenKind.Integer, start, index - start);
    }

    /// <summary>StringLiteral: <c>'…'</c> where a backslash may only escape an apostrophe or a backslash (§9.2).</summary>
    private Token StringToken()
    {
        var start = _position;
        for (var index = start + 1; index < _text.Length; index++)
        {
            var c = _text[index];
            if (c == '\'')
            {
                return Token(TokenKind.String, start, index + 1 - start);
            }

            if (c == '\\')
            {
                if (At(index + 1) is not ('\'' or '\\'))
                {
                    _position = index + 1;
                    return Fail(@"in a string, a backslash must be followed by an apostrophe or a backslash (\' or \\)", index);
                }

                index++;
            }
        }

        _position = _text.Length;
        return Fail("the string is never closed: an apostrophe (') is missing", start);
    }

    /// <summary>HexLiteral <c>h'…'</c>, BinaryLiteral <c>b'…'</c>, TimestampLiteral <c>t'…'</c>.</summary>
    private Token PrefixedConstant(char prefix)
    {
        var start = _position;
        var close = _text.IndexOf('\'', start + 2);
        if (close < 0)
        {
            _position = _text.Length;
            return Fail($"the {Name(prefix)} constant is never closed: an apostrophe (') is missing", start);
        }

        _position = close + 1;
        var content = _text.AsSpan(start + 2, close - start - 2);
        return prefix switch
        {
            'h' when LiteralFormats.IsHex(content) => Token(TokenKind.Hex, start, close + 1 - start),
            'b' when LiteralFormats.IsBase64(content) => Token(TokenKind.Binary, start, close + 1 - start),
            't' when TimestampText.IsValid(content) => Token(TokenKind.Timestamp, start, close + 1 - start),
            _ => Fail(InvalidConstant(prefix, _text[start..(close + 1)]), start),
        };
    }

    private static string Name(char prefix) => prefix switch
    {
        'h' => "hex",
        'b' => "binary",
        _ => "timestamp",
    };

    private static string InvalidConstant(char prefix, string text) => prefix switch
    {
        'h' => $"{text} is not a hex constant: it must hold pairs of hexadecimal digits",
        'b' => $"{text} is not a binary constant: it must hold padded base64 (RFC 4648)",
        _ => $"{text} is not a timestamp constant: it must be YYYY-MM-DDTHH:mm:ss[.s+]Z in UTC, with month 01-12, day 01-31, hour 00-23, minute 00-59 and second 00-60",
    };
}
