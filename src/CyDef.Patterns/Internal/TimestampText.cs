namespace CyDef.Patterns.Internal;

/// <summary>The text of a TimestampLiteral, as STIXPattern.g4 defines it.</summary>
internal static class TimestampText
{
    private const int SecondsEnd = 19;

    /// <summary>
    /// <c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c> with month 01–12, day 01–31, hour 00–23, minute 00–59 and second 00–60:
    /// the grammar's ranges, field by field, not the calendar.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length < SecondsEnd + 1 || text[^1] != 'Z' || !Shape(text))
        {
            return false;
        }

        var fraction = text[SecondsEnd..^1];
        return fraction.IsEmpty || (fraction.Length > 1 && fraction[0] == '.' && !fraction[1..].ContainsAnyExceptInRange('0', '9'));
    }

    /// <summary>Orders two valid timestamp texts by the instant they name (field by field, so February 30th too).</summary>
    public static int Compare(string left, string right)
    {
        var byFields = left.AsSpan(0, SecondsEnd).SequenceCompareTo(right.AsSpan(0, SecondsEnd));
        if (byFields != 0)
        {
            return byFields;
        }

        var a = FractionDigits(left);
        var b = FractionDigits(right);
        for (var index = 0; index < Math.Max(a.Length, b.Length); index++)
        {
            var difference = (index < a.Length ? a[index] : '0') - (index < b.Length ? b[index] : '0');
            if (difference != 0)
            {
                return difference;
            }
        }

        return 0;
    }

    private static ReadOnlySpan<char> FractionDigits(string text) =>
        text.Length > SecondsEnd + 1 ? text.AsSpan(SecondsEnd + 1, text.Length - SecondsEnd - 2) : [];

    private static bool Shape(ReadOnlySpan<char> t) =>
        Digits(t[..4]) && t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':'
        && InRange(t[5..7], 1, 12) && InRange(t[8..10], 1, 31) && InRange(t[11..13], 0, 23)
        && InRange(t[14..16], 0, 59) && InRange(t[17..19], 0, 60);

    private static bool InRange(ReadOnlySpan<char> two, int min, int max) =>
        Digits(two) && ((two[0] - '0') * 10) + (two[1] - '0') is var value && value >= min && value <= max;

    private static bool Digits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
