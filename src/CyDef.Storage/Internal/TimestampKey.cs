namespace CyDef.Storage.Internal;

/// <summary>
/// A STIX timestamp (<c>YYYY-MM-DDTHH:MM:SS[.s+]Z</c>, §3.2) as text that sorts in time order and compares equal
/// for equal instants: the fraction padded or cut to nine digits. <c>2016-01-01T00:00:00Z</c> and
/// <c>2016-01-01T00:00:00.000Z</c> name the same version; as written they would sort the wrong way round.
/// </summary>
internal static class TimestampKey
{
    private const int SecondsLength = 19; // yyyy-MM-ddTHH:mm:ss

    /// <summary>The key of <paramref name="timestamp"/>; "" for null (objects that are not versioned).</summary>
    public static string From(string? timestamp)
    {
        if (string.IsNullOrEmpty(timestamp))
        {
            return "";
        }

        if (timestamp.Length < SecondsLength + 1 || timestamp[^1] != 'Z')
        {
            return timestamp; // not a STIX timestamp (the validator rejects these); kept as written
        }

        Span<char> key = stackalloc char[SecondsLength + 11];
        timestamp.AsSpan(0, SecondsLength).CopyTo(key);
        key[SecondsLength] = '.';
        var fraction = timestamp.Length > SecondsLength + 1 && timestamp[SecondsLength] == '.'
            ? timestamp.AsSpan(SecondsLength + 1, timestamp.Length - SecondsLength - 2)
            : [];
        for (var i = 0; i < 9; i++)
        {
            key[SecondsLength + 1 + i] = i < fraction.Length ? fraction[i] : '0';
        }

        key[^1] = 'Z';
        return new string(key);
    }
}
