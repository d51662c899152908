namespace CyDef.Taxii.Server;

/// <summary>Checks the shape of STIX identifiers and types in URLs and filters (STIX 2.1 §2.9, §2.11).</summary>
internal static class StixIdentifier
{
    /// <summary><c>type--UUID</c>, with a type of lower-case letters, digits and hyphens.</summary>
    public static bool IsValid(string id)
    {
        var separator = id.IndexOf("--", StringComparison.Ordinal);
        return separator > 0 && IsType(id.AsSpan(0, separator)) && Guid.TryParseExact(id.AsSpan(separator + 2), "D", out _);
    }

    public static bool IsType(ReadOnlySpan<char> type)
    {
        if (type.Length is < 3 or > 250 || type[0] == '-' || type[^1] == '-')
        {
            return false;
        }

        foreach (var c in type)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
