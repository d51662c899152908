namespace CyDef.Detection.Readers;

/// <summary>
/// The end of a JSON object or array the EVE reader does not need (<c>flow</c>, <c>tcp</c>, <c>alert</c> …), found by
/// one pass over its bytes instead of a token at a time: brackets are counted and matched by kind, strings passed over,
/// and every byte outside a string must be one that JSON allows there (white space, <c>:</c>, <c>,</c>, a number's or
/// <c>true</c>/<c>false</c>/<c>null</c>'s characters). The scan vouches only for what it can check quickly: a string
/// with an escape or a control character, a bracket of the wrong kind, nesting deeper than allowed, a byte JSON does
/// not allow, or no end before the line's — it gives up (-1), and the reader walks the value token by token, so that
/// such a line is skipped with the reason it always had (malformed, truncated, too deep). What it does not check is
/// the order of tokens inside the value (<c>{"a" 1}</c>, <c>[1 2]</c>, <c>tru</c>): a record whose unread object is
/// wrong only in that way is read, its other values kept, where a token-by-token walk would have refused it.
/// </summary>
internal static class SkippedValue
{
    private const byte Other = 0, Plain = 1, Quote = 2, Open = 3, Close = 4;

    /// <summary>What each byte is outside a string.</summary>
    private static readonly byte[] Outside = Classes();

    /// <summary>Bytes that end the quick pass over a string: the quote, a backslash, control characters.</summary>
    private static readonly bool[] StopsString = StringStops();

    /// <summary>
    /// The index just past the object or array that starts at <paramref name="start"/>, or -1 when the scan gives up.
    /// </summary>
    /// <param name="data">The text.</param>
    /// <param name="start">The index of the opening <c>{</c> or <c>[</c>.</param>
    /// <param name="maxNesting">How many brackets may be open at once (the value itself counts one).</param>
    public static int End(ReadOnlySpan<byte> data, int start, int maxNesting)
    {
        var outside = Outside;
        var stops = StopsString;
        ulong arrays = 0; // bit d: the bracket open at nesting d is an array's
        var depth = 0;
        for (var i = start; i < data.Length; i++)
        {
            var b = data[i];
            switch (outside[b])
            {
                case Plain:
                    break;
                case Quote:
                    i++;
                    while (i < data.Length && !stops[data[i]])
                    {
                        i++;
                    }

                    if (i == data.Length || data[i] != (byte)'"')
                    {
                        return -1;
                    }

                    break;
                case Open:
                    if (depth >= maxNesting || depth >= 64)
                    {
                        return -1;
                    }

                    arrays = b == (byte)'[' ? arrays | (1UL << depth) : arrays & ~(1UL << depth);
                    depth++;
                    break;
                case Close:
                    if (depth == 0)
                    {
                        return -1;
                    }

                    depth--;
                    if (((arrays >> depth) & 1) != (b == (byte)']' ? 1UL : 0UL))
                    {
                        return -1;
                    }

                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                default:
                    return -1;
            }
        }

        return -1;
    }

    private static byte[] Classes()
    {
        var classes = new byte[256];
        foreach (var b in " \t\r\n:,0123456789+-.eEtrufalsn"u8)
        {
            classes[b] = Plain;
        }

        classes['"'] = Quote;
        classes['{'] = classes['['] = Open;
        classes['}'] = classes[']'] = Close;
        return classes;
    }

    private static bool[] StringStops()
    {
        var stops = new bool[256];
        for (var b = 0; b < 0x20; b++)
        {
            stops[b] = true;
        }

        stops['"'] = stops['\\'] = true;
        return stops;
    }
}
