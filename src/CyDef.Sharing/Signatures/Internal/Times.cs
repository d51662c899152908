using CyDef.Stix;

namespace CyDef.Sharing.Signatures.Internal;

/// <summary>Times of keys and signatures: STIX timestamps to the millisecond, UTC.</summary>
internal static class Times
{
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static string Format(DateTimeOffset time) => StixTimestamp.FromDateTime(time.UtcDateTime, 3).ToString();

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || !StixTimestamp.TryParse(text, out var timestamp))
        {
            return false;
        }

        time = new DateTimeOffset(timestamp.UtcDateTime, TimeSpan.Zero);
        return true;
    }
}
