using Microsoft.Net.Http.Headers;

namespace CyDef.Taxii.Server;

/// <summary>TAXII 2.1 media types in <c>Accept</c> and <c>Content-Type</c> (§1.6.8, §3.2).</summary>
internal static class MediaTypeNegotiation
{
    /// <summary>
    /// Whether a response in <c>application/taxii+json;version=2.1</c> is acceptable: the bare TAXII type ("the
    /// newest version"), version 2.1, or a wildcard, with a non-zero quality. No <c>Accept</c> accepts anything (RFC 9110 §12.5.1).
    /// </summary>
    public static bool AcceptsTaxii(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var types))
        {
            return false;
        }

        foreach (var type in types)
        {
            if (type.Quality is 0 || !IsVersion21OrNone(type))
            {
                continue;
            }

            if (type.MediaType.Equals(TaxiiMediaTypes.Taxii, StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("*/*", StringComparison.Ordinal) || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a request body is TAXII 2.1 (the bare TAXII type is read as the newest, 2.1).</summary>
    public static bool IsTaxiiContent(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals(TaxiiMediaTypes.Taxii, StringComparison.OrdinalIgnoreCase)
        && IsVersion21OrNone(type);

    private static bool IsVersion21OrNone(MediaTypeHeaderValue type)
    {
        foreach (var parameter in type.Parameters)
        {
            if (parameter.Name.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                return parameter.Value.Equals("2.1", StringComparison.Ordinal);
            }
        }

        return true;
    }
}
