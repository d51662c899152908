using CyDef.Stix;

namespace CyDef.Patterns;

/// <summary>
/// A timestamp constant (STIX 2.1 §9.2), e.g. <c>t'2014-01-13T07:03:17Z'</c>. The grammar checks the shape and
/// the ranges of its fields (month 01–12, day 01–31, second 00–60), not the calendar: <c>t'2024-02-30T00:00:00Z'</c>
/// is a valid pattern whose <see cref="Instant"/> is <see langword="null"/>. STIX content must use real instants
/// (§2.16); <see cref="PatternValidation"/> checks that.
/// </summary>
/// <param name="Text">The timestamp between the apostrophes, e.g. <c>2014-01-13T07:03:17Z</c>.</param>
public sealed record TimestampConstant(string Text) : Constant
{
    /// <summary>The timestamp between the apostrophes (get-only, so that <see cref="Instant"/> always matches it).</summary>
    public string Text { get; } = Text;

    /// <summary>
    /// The instant the text names (to the nanosecond; further digits are ignored), or <see langword="null"/> when
    /// it names no real instant (February 30th, a leap second).
    /// </summary>
    public StixTimestamp? Instant { get; } = ToInstant(Text);

    private static StixTimestamp? ToInstant(string text)
    {
        // StixTimestamp keeps up to nine fraction digits: "YYYY-MM-DDTHH:mm:ss" + ".nnnnnnnnn" + "Z".
        const int Seconds = 19;
        var truncated = text.Length > Seconds + 11 && text[Seconds] == '.' ? string.Concat(text.AsSpan(0, Seconds + 10), "Z") : text;
        return StixTimestamp.TryParse(truncated, out var instant) ? instant : null;
    }
}
