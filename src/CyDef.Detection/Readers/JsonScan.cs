using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CyDef.Detection.Readers;

/// <summary>
/// A forward-only pass over one line of JSON for the EVE reader's fast path (<see cref="EveReader"/>). It accepts only
/// what <see cref="System.Text.Json.Utf8JsonReader"/> accepts — RFC 8259 with no comments and no trailing commas,
/// strings without control characters, numbers and literals by the grammar — and every method answers false (cannot
/// vouch) at the first thing it does not accept: malformed JSON, the end of the line, nesting deeper than
/// <see cref="MaxNesting"/>, or an escape in a string whose value the reader takes. The reader then reads the line
/// again with <see cref="System.Text.Json.Utf8JsonReader"/>, which decides, so every line that is refused is refused
/// with the reason it always had. The line has been checked to be UTF-8 before.
/// </summary>
internal ref struct JsonScan
{
    /// <summary>
    /// How deeply objects and arrays may nest (the record itself counts one): below the Utf8JsonReader's limit
    /// (<see cref="SensorRecordReader.MaxDepth"/>), so that nothing this pass accepts is too deep for that reader.
    /// </summary>
    public const int MaxNesting = SensorRecordReader.MaxDepth - 4;

    private readonly ReadOnlySpan<byte> _text;
    private int _at;

    public JsonScan(ReadOnlySpan<byte> text)
    {
        _text = text;
        _at = 0;
    }

    /// <summary>The next byte that is not white space, left unread; -1 at the end of the line.</summary>
    public int Peek()
    {
        var text = _text;
        var i = _at;
        while ((uint)i < (uint)text.Length)
        {
            var b = text[i];
            if (b > (byte)' ' || (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r'))
            {
                _at = i;
                return b;
            }

            i++;
        }

        _at = i;
        return -1;
    }

    /// <summary>The next byte that is not white space, read; -1 at the end of the line.</summary>
    public int Next()
    {
        var b = Peek();
        if (b >= 0)
        {
            _at++;
        }

        return b;
    }

    /// <summary>Reads the byte <see cref="Peek"/> returned.</summary>
    public void Advance() => _at++;

    /// <summary>A string without escapes at the next byte, its value between the quotes; false otherwise.</summary>
    public bool String(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (Peek() != '"')
        {
            return false;
        }

        var end = StopAt(_text, _at + 1);
        if (end < 0 || _text[end] != (byte)'"')
        {
            return false;
        }

        value = _text[(_at + 1)..end];
        _at = end + 1;
        return true;
    }

    /// <summary>A member's name (without escapes) and its colon.</summary>
    public bool Name(out ReadOnlySpan<byte> name) => String(out name) && Next() == ':';

    /// <summary>
    /// A number by JSON's grammar (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>); what follows it is for the
    /// caller to check (a comma, a bracket or white space, as everywhere).
    /// </summary>
    public bool Number(out ReadOnlySpan<byte> text)
    {
        var s = _text;
        var start = Peek();
        var i = _at;
        text = default;
        if (start < 0)
        {
            return false;
        }

        if (s[i] == (byte)'-')
        {
            i++;
        }

        if (i >= s.Length || !IsDigit(s[i]))
        {
            return false;
        }

        if (s[i++] != (byte)'0')
        {
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            if (++i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }

            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            if (++i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }

            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }

        text = s[_at..i];
        _at = i;
        return true;
    }

    /// <summary>Passes over the next value, checking it: <paramref name="depth"/> is the nesting of what holds it.</summary>
    public bool SkipValue(int depth)
    {
        switch (Peek())
        {
            case '"':
                return SkipString();
            case '{':
                if (depth >= MaxNesting)
                {
                    return false;
                }

                _at++;
                if (Peek() == '}')
                {
                    _at++;
                    return true;
                }

                while (true)
                {
                    if (!SkipString() || Next() != ':' || !SkipValue(depth + 1))
                    {
                        return false;
                    }

                    var b = Next();
                    if (b != ',')
                    {
                        return b == '}';
                    }
                }

            case '[':
                if (depth >= MaxNesting)
                {
                    return false;
                }

                _at++;
                if (Peek() == ']')
                {
                    _at++;
                    return true;
                }

                while (true)
                {
                    if (!SkipValue(depth + 1))
                    {
                        return false;
                    }

                    var b = Next();
                    if (b != ',')
                    {
                        return b == ']';
                    }
                }

            case 't':
                return Literal("true"u8);
            case 'f':
                return Literal("false"u8);
            case 'n':
                return Literal("null"u8);
            default:
                return Number(out _);
        }
    }

    /// <summary>The integer a number token is, when it is one that fits 32 bits (what <c>TryGetInt32</c> accepts).</summary>
    public static bool TryInt32(ReadOnlySpan<byte> number, out int value)
    {
        value = 0;
        var negative = number[0] == (byte)'-';
        var digits = negative ? number[1..] : number;
        if (digits.Length > 10)
        {
            return false;
        }

        long n = 0;
        foreach (var b in digits)
        {
            if (!IsDigit(b))
            {
                return false; // a fraction or an exponent
            }

            n = (n * 10) + (b - '0');
        }

        n = negative ? -n : n;
        if (n is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)n;
        return true;
    }

    /// <summary>A string at the next byte, escapes allowed (and checked).</summary>
    private bool SkipString()
    {
        if (Peek() != '"')
        {
            return false;
        }

        var s = _text;
        var i = _at + 1;
        while (true)
        {
            i = StopAt(s, i);
            if (i < 0)
            {
                return false;
            }

            var b = s[i];
            if (b == (byte)'"')
            {
                _at = i + 1;
                return true;
            }

            if (b != (byte)'\\' || ++i >= s.Length)
            {
                return false; // a control character, or the end
            }

            switch (s[i])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i++;
                    break;
                case (byte)'u':
                    if (i + 4 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]) || !IsHex(s[i + 3]) || !IsHex(s[i + 4]))
                    {
                        return false;
                    }

                    i += 5;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The index of the first byte at or after <paramref name="i"/> that ends the quick pass over a string — its closing
    /// quote, a backslash or a control character — or -1. Thirty-two bytes are compared at a time while the line has
    /// them (one load, three comparisons, one mask), which suits the short strings of sensor records better than a
    /// general search.
    /// </summary>
    private static int StopAt(ReadOnlySpan<byte> s, int i)
    {
        ref var start = ref MemoryMarshal.GetReference(s);
        if (Vector256.IsHardwareAccelerated)
        {
            var quote = Vector256.Create((byte)'"');
            var backslash = Vector256.Create((byte)'\\');
            var space = Vector256.Create((byte)' ');
            for (; i <= s.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var stops = Vector256.Equals(v, quote) | Vector256.Equals(v, backslash) | Vector256.LessThan(v, space);
                if (stops != Vector256<byte>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
                }
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            var space = Vector128.Create((byte)' ');
            for (; i <= s.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                var stops = Vector128.Equals(v, quote) | Vector128.Equals(v, backslash) | Vector128.LessThan(v, space);
                if (stops != Vector128<byte>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
                }
            }
        }

        for (; (uint)i < (uint)s.Length; i++)
        {
            var b = s[i];
            if (b == (byte)'"' || b == (byte)'\\' || b < (byte)' ')
            {
                return i;
            }
        }

        return -1;
    }

    private bool Literal(ReadOnlySpan<byte> literal)
    {
        if (!_text[_at..].StartsWith(literal))
        {
            return false;
        }

        _at += literal.Length;
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'f' - 'a';
}
