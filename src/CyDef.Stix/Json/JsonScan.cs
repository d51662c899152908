using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CyDef.Stix.Json;

/// <summary>
/// A forward-only pass over one JSON text, for the fast paths of <see cref="StixJsonReader"/> and of the detection
/// readers. It accepts only what <see cref="System.Text.Json.Utf8JsonReader"/> accepts — RFC 8259 with no comments and
/// no trailing commas, strings without control characters, numbers and literals by the grammar — and every method
/// answers false (cannot vouch) at the first thing it does not accept: malformed JSON, the end of the text, nesting deeper than
/// <see cref="MaxNesting"/>, or an escape in a string whose value the caller takes without decoding. The caller then
/// reads the text again with <see cref="System.Text.Json.Utf8JsonReader"/>, which decides, so every text that is
/// refused is refused with the reason it always had. Whether the text is UTF-8 is for the caller to check
/// (<see cref="IsAscii"/> spares the check for ASCII text).
/// </summary>
internal ref struct JsonScan
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly ReadOnlySpan<ulong> _stops;
    private int _at;
    private bool _ranOut;

    /// <summary>Starts a pass over <paramref name="text"/>.</summary>
    /// <param name="text">The JSON text (a line, a document).</param>
    /// <param name="stops">Room for <see cref="StopWords"/> of the text's length: the bytes where a string may end.</param>
    /// <param name="maxNesting">
    /// How deeply objects and arrays may nest (the outermost counts one): at or below the limit of the
    /// <see cref="System.Text.Json.Utf8JsonReader"/> that reads what this pass refuses, so that nothing it accepts is too
    /// deep for that reader.
    /// </param>
    public JsonScan(ReadOnlySpan<byte> text, Span<ulong> stops, int maxNesting)
    {
        _text = text;
        _at = 0;
        MaxNesting = maxNesting;
        stops = stops[..StopWords(text.Length)];
        IsAscii = Mark(text, stops);
        _stops = stops;
    }

    /// <summary>
    /// Starts a pass at <paramref name="start"/> over <paramref name="text"/>, whose stops <see cref="Mark"/> has marked
    /// (the caller keeps them for more than one pass, as a stream's buffer does).
    /// </summary>
    /// <param name="text">The JSON text: the bytes its stops were marked over, or the first of them.</param>
    /// <param name="stops">The stops, at least <see cref="StopWords"/> of the text's length.</param>
    /// <param name="maxNesting">As for the other constructor.</param>
    /// <param name="start">The index of the first byte to read.</param>
    public JsonScan(ReadOnlySpan<byte> text, ReadOnlySpan<ulong> stops, int maxNesting, int start)
    {
        _text = text;
        _stops = stops[..StopWords(text.Length)];
        _at = start;
        MaxNesting = maxNesting;
    }

    /// <summary>
    /// Whether every byte of the text is ASCII (found by the sweep that marks the stops): then it is UTF-8. Always false
    /// for a pass over stops marked beforehand.
    /// </summary>
    public bool IsAscii { get; }

    /// <summary>How deeply objects and arrays may nest (the outermost counts one).</summary>
    public int MaxNesting { get; }

    /// <summary>The index of the next byte to read.</summary>
    public readonly int Position => _at;

    /// <summary>
    /// Whether the pass came to the end of the text inside a value: after a refusal, whether a longer text (more of a
    /// stream) might have been accepted.
    /// </summary>
    public readonly bool RanOut => _ranOut;

    /// <summary>How many words the bitmap of a text of <paramref name="length"/> bytes takes.</summary>
    public static int StopWords(int length) => (length + 63) >> 6;

    /// <summary>
    /// Room for the bitmap of a text of <paramref name="length"/> bytes in <paramref name="stops"/>, a caller's array kept
    /// from text to text and grown (at least doubled) when it is too small.
    /// </summary>
    /// <param name="stops">The caller's array.</param>
    /// <param name="length">The text's length in bytes.</param>
    public static Span<ulong> Room(ref ulong[] stops, int length)
    {
        var words = StopWords(length);
        if (stops.Length < words)
        {
            stops = new ulong[Math.Max(words, stops.Length * 2)];
        }

        return stops.AsSpan(0, words);
    }

    /// <summary>The next byte that is not white space, left unread; -1 at the end of the text.</summary>
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
            if (b == (byte)'\n')
            {
                i = PastIndent(text, i);
            }
        }

        _at = i;
        _ranOut = true;
        return -1;
    }

    /// <summary>
    /// The index past the spaces and tabs that start at <paramref name="i"/>: the indentation after a line break in
    /// pretty-printed JSON, passed 32 bytes at a time rather than byte by byte.
    /// </summary>
    private static int PastIndent(ReadOnlySpan<byte> text, int i)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return i;
        }

        ref var start = ref MemoryMarshal.GetReference(text);
        var space = Vector256.Create((byte)' ');
        var tab = Vector256.Create((byte)'\t');
        while (i <= text.Length - Vector256<byte>.Count)
        {
            var block = Vector256.LoadUnsafe(ref start, (nuint)i);
            var other = ~(Vector256.Equals(block, space) | Vector256.Equals(block, tab)).ExtractMostSignificantBits();
            if (other != 0)
            {
                return i + BitOperations.TrailingZeroCount(other);
            }

            i += Vector256<byte>.Count;
        }

        return i; // the last bytes of the text are left to the caller's loop
    }

    /// <summary>The next byte that is not white space, read; -1 at the end of the text.</summary>
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

        var end = StopAt(_at + 1);
        if (end < 0 || _text[end] != (byte)'"')
        {
            _ranOut = end < 0;
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

        if (s[i] == (byte)'-' && ++i == s.Length)
        {
            _ranOut = true;
            return false;
        }

        // An integer part (no leading zero), then optionally a fraction and an exponent, each with at least one digit.
        var digits = Digits(s, i);
        if (digits == i || (s[i] == (byte)'0' && digits > i + 1))
        {
            return false;
        }

        i = digits;
        if (i < s.Length && s[i] == (byte)'.')
        {
            digits = Digits(s, ++i);
            if (digits == i)
            {
                _ranOut = i == s.Length;
                return false;
            }

            i = digits;
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            if (++i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            digits = Digits(s, i);
            if (digits == i)
            {
                _ranOut = i == s.Length;
                return false;
            }

            i = digits;
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
                var items = OpenArray(depth);
                if (items != ArrayStart.Items)
                {
                    return items == ArrayStart.Empty;
                }

                bool closed;
                do
                {
                    if (!SkipValue(depth + 1))
                    {
                        return false;
                    }
                }
                while (MoreItems(out closed));

                return closed;

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

    /// <summary>
    /// Reads the <c>[</c> at the next byte, of an array held at nesting <paramref name="depth"/>: whether it is empty
    /// (<c>[]</c>, read whole) or items follow — or refused, nesting too deep.
    /// </summary>
    public ArrayStart OpenArray(int depth)
    {
        if (depth >= MaxNesting)
        {
            return ArrayStart.Refused;
        }

        _at++;
        if (Peek() == ']')
        {
            _at++;
            return ArrayStart.Empty;
        }

        return ArrayStart.Items;
    }

    /// <summary>
    /// The separator after an array's item: true when another item follows (<c>,</c>); false at the end, with
    /// <paramref name="closed"/> telling whether that was the array's <c>]</c> or something JSON does not allow there.
    /// </summary>
    public bool MoreItems(out bool closed)
    {
        var b = Next();
        closed = b == ']';
        return b == ',';
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

    /// <summary>
    /// A string at the next byte, escapes allowed (and checked by JSON's grammar: what they stand for, such as a lone
    /// surrogate, is for the decoder to judge).
    /// </summary>
    /// <param name="value">Its text between the quotes, escapes as written.</param>
    /// <param name="escaped">Whether that text holds an escape.</param>
    public bool EscapedString(out ReadOnlySpan<byte> value, out bool escaped)
    {
        value = default;
        escaped = false;
        if (Peek() != '"')
        {
            return false;
        }

        var s = _text;
        var i = _at + 1;
        while (true)
        {
            i = StopAt(i);
            if (i < 0)
            {
                _ranOut = true;
                return false;
            }

            var b = s[i];
            if (b == (byte)'"')
            {
                value = s[(_at + 1)..i];
                _at = i + 1;
                return true;
            }

            if (b != (byte)'\\' || ++i >= s.Length)
            {
                _ranOut = i >= s.Length;
                return false; // a control character, or the end
            }

            escaped = true;
            switch (s[i])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i++;
                    break;
                case (byte)'u':
                    if (i + 4 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]) || !IsHex(s[i + 3]) || !IsHex(s[i + 4]))
                    {
                        _ranOut = i + 4 >= s.Length;
                        return false;
                    }

                    i += 5;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>The literal <paramref name="literal"/> (<c>true</c>, <c>false</c> or <c>null</c>) at the next byte.</summary>
    public bool Literal(ReadOnlySpan<byte> literal)
    {
        if (Peek() < 0 || !_text[_at..].StartsWith(literal))
        {
            _ranOut = _text.Length - _at < literal.Length;
            return false;
        }

        _at += literal.Length;
        return true;
    }

    private bool SkipString() => EscapedString(out _, out _);

    /// <summary>
    /// Marks in <paramref name="stops"/> (bit <c>i % 64</c> of word <c>i / 64</c>) every byte of the text that ends the
    /// quick pass over a string — a quote, a backslash or a control character — in one pass over the whole text, 64 bytes
    /// at a time: finding where each string ends is then a look at a word of bits, not a search of its own. Answers
    /// whether every byte is ASCII. A text that grows is marked again from the word that holds its first new byte.
    /// </summary>
    /// <param name="text">The text, or the part of it from a multiple of 64 bytes on.</param>
    /// <param name="stops">The words for that part: <see cref="StopWords"/> of its length.</param>
    public static bool Mark(ReadOnlySpan<byte> text, Span<ulong> stops)
    {
        var i = 0;
        var w = 0;
        var all = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var seen = Vector256<byte>.Zero;
            ref var start = ref MemoryMarshal.GetReference(text);
            var quote = Vector256.Create((byte)'"');
            var backslash = Vector256.Create((byte)'\\');
            var space = Vector256.Create((byte)' ');
            for (; i < text.Length && text.Length >= 64; i += 64, w++)
            {
                // A last block short of 64 bytes is read as the text's last 64, its bits shifted past those already marked.
                var from = Math.Min(i, text.Length - 64);
                var low = Vector256.LoadUnsafe(ref start, (nuint)from);
                var high = Vector256.LoadUnsafe(ref start, (nuint)(from + 32));
                var lowStops = Vector256.Equals(low, quote) | Vector256.Equals(low, backslash) | Vector256.LessThan(low, space);
                var highStops = Vector256.Equals(high, quote) | Vector256.Equals(high, backslash) | Vector256.LessThan(high, space);
                stops[w] = (lowStops.ExtractMostSignificantBits() | ((ulong)highStops.ExtractMostSignificantBits() << 32)) >> (i - from);
                seen |= low | high;
            }

            all = (int)seen.ExtractMostSignificantBits() != 0 ? 0x80 : 0;
        }

        for (; i < text.Length; i += 64, w++)
        {
            ulong bits = 0;
            var block = text.Slice(i, Math.Min(64, text.Length - i));
            for (var j = 0; j < block.Length; j++)
            {
                var b = block[j];
                all |= b;
                if (b == (byte)'"' || b == (byte)'\\' || b < (byte)' ')
                {
                    bits |= 1UL << j;
                }
            }

            stops[w] = bits;
        }

        return all < 0x80;
    }

    /// <summary>The index of the first byte at or after <paramref name="i"/> that ends the quick pass over a string, or -1.</summary>
    private readonly int StopAt(int i)
    {
        var stops = _stops;
        var w = i >> 6;
        if ((uint)w >= (uint)stops.Length)
        {
            return -1;
        }

        var bits = stops[w] & (ulong.MaxValue << (i & 63));
        while (bits == 0)
        {
            if (++w >= stops.Length)
            {
                return -1;
            }

            bits = stops[w];
        }

        // A text shorter than the bytes its stops were marked over (see the constructors) ends before the stop.
        var at = (w << 6) + BitOperations.TrailingZeroCount(bits);
        return at < _text.Length ? at : -1;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>The index just past the run of digits that starts at <paramref name="i"/> (<paramref name="i"/> when there is none).</summary>
    private static int Digits(ReadOnlySpan<byte> s, int i)
    {
        // Eight bytes at a time (a flow id has sixteen or more digits): a byte is a digit when its high nibble is 3 and
        // stays 3 with 6 added. A carry out of a byte only reaches the bytes above it, which come after the first
        // byte that is not a digit, so the lowest such byte found is the run's end.
        while (BitConverter.IsLittleEndian && i <= s.Length - sizeof(ulong))
        {
            var x = MemoryMarshal.Read<ulong>(s[i..]);
            var other = ((x & 0xF0F0_F0F0_F0F0_F0F0UL) ^ 0x3030_3030_3030_3030UL)
                | (((x + 0x0606_0606_0606_0606UL) & 0xF0F0_F0F0_F0F0_F0F0UL) ^ 0x3030_3030_3030_3030UL);
            if (other != 0)
            {
                return i + (BitOperations.TrailingZeroCount(other) >> 3);
            }

            i += sizeof(ulong);
        }

        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'f' - 'a';
}

/// <summary>What <see cref="JsonScan.OpenArray"/> found.</summary>
internal enum ArrayStart : byte
{
    /// <summary>Nested too deeply for the fast path: left to Utf8JsonReader.</summary>
    Refused,

    /// <summary><c>[]</c>, read whole.</summary>
    Empty,

    /// <summary>The <c>[</c> was read and items follow.</summary>
    Items,
}
