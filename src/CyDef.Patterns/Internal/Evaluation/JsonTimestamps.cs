using CyDef.Stix;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>Timestamps in observed data (§2.16: RFC 3339, upper-case T and Z, UTC), read for comparison.</summary>
internal static class JsonTimestamps
{
    public static bool TryParse(string text, out StixTimestamp timestamp)
    {
        timestamp = default;
        return TimestampText.IsValid(text) && TryInstant(text, out timestamp);
    }

    /// <summary>The instant of a valid timestamp text, to the nanosecond (further digits are dropped).</summary>
    public static bool TryInstant(string text, out StixTimestamp timestamp)
    {
        const int Seconds = 19;
        var truncated = text.Length > Seconds + 11 && text[Seconds] == '.' ? string.Concat(text.AsSpan(0, Seconds + 10), "Z") : text;
        return StixTimestamp.TryParse(truncated, out timestamp);
    }
}
