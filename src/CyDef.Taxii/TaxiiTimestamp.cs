using System.Globalization;

namespace CyDef.Taxii;

/// <summary>
/// TAXII 2.1 timestamps (§2.1): RFC 3339 in UTC with a <c>Z</c>, exactly six fractional digits, as used by
/// <c>date_added</c>, <c>request_timestamp</c>, <c>added_after</c> and the X-TAXII-Date-Added-* headers.
/// </summary>
public static class TaxiiTimestamp
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>The instant as TAXII writes it, e.g. <c>2016-11-01T03:04:05.000000Z</c>.</summary>
    /// <param name="instant">The instant.</param>
    public static string ToString(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an RFC 3339 timestamp with any number of fractional digits (up to seven are kept). A timestamp
    /// without an offset is read as UTC (a lenient reading; TAXII clients write <c>Z</c>).
    /// </summary>
    /// <param name="text">The timestamp.</param>
    /// <param name="instant">The instant read.</param>
    /// <returns>Whether <paramref name="text"/> is a timestamp.</returns>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrEmpty(text) || text.Length < 19 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }
}
