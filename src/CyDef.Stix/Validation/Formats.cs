using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CyDef.Stix.Validation;

/// <summary>The textual formats STIX values must have, each citing the rule it checks.</summary>
internal static partial class Formats
{
    /// <summary>§3.1, §11.2.1: type names are a-z, 0-9 and single hyphens, 3 to 250 characters.</summary>
    public static bool IsTypeName(ReadOnlySpan<char> type)
    {
        if (type.Length is < 3 or > 250)
        {
            return false;
        }

        var previous = '\0';
        foreach (var c in type)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || (c == '-' && previous == '-'))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    /// <summary>§3.1, §11.1.1: property names are a-z, 0-9 and underscore, 3 to 250 characters, starting with a letter.</summary>
    public static bool IsPropertyName(string name) =>
        name.Length is >= 3 and <= 250 && char.IsAsciiLetterLower(name[0]) && !name.AsSpan().ContainsAnyExcept(PropertyNameCharacters);

    /// <summary>§2.9: <c>object-type--UUID</c> with an RFC 4122 UUID; <paramref name="typeLength"/> is where the type ends.</summary>
    public static bool IsIdentifier(string id, out int typeLength) => IsIdentifier(id.AsSpan(), out typeLength);

    /// <summary>§2.9: <c>object-type--UUID</c> with an RFC 4122 UUID; <paramref name="typeLength"/> is where the type ends.</summary>
    public static bool IsIdentifier(ReadOnlySpan<char> id, out int typeLength)
    {
        // The UUID is the last 36 characters, so the type ends 38 from the end, at the first "--": a type holds no
        // "--" (IsTypeName) and does not end with a hyphen. Looked for there, not searched for.
        typeLength = id.Length - 38;
        return typeLength > 0 && id[typeLength] == '-' && id[typeLength + 1] == '-' && id[typeLength - 1] != '-'
            && IsTypeName(id[..typeLength]) && IsRfc4122(id[(typeLength + 2)..]);
    }

    /// <summary>§2.9: whether <paramref name="id"/> is an identifier of an object of type <paramref name="type"/>.</summary>
    public static bool IsIdentifierOf(string id, string type) =>
        IsIdentifier(id, out var length) && id.AsSpan(0, length).SequenceEqual(type);

    /// <summary>RFC 4122 §4.1: 8-4-4-4-12 hexadecimal digits, a version from 1 to 5 and the variant bits 10 (STIX 2.1 §2.9).</summary>
    public static bool IsRfc4122(ReadOnlySpan<char> uuid)
    {
        if (uuid.Length != 36 || uuid[8] != '-' || uuid[13] != '-' || uuid[18] != '-' || uuid[23] != '-'
            || uuid[14] is < '1' or > '5' || uuid[19] is not ('8' or '9' or 'a' or 'b' or 'A' or 'B'))
        {
            return false;
        }

        // With hyphens at the four places above, four hyphens in all leave hexadecimal digits everywhere else.
        return !uuid.ContainsAnyExcept(HexDigitsAndHyphen) && uuid.Count('-') == 4;
    }

    private static readonly SearchValues<char> PropertyNameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");
    private static readonly SearchValues<char> HexDigitsAndHyphen = SearchValues.Create("0123456789abcdefABCDEF-");

    /// <summary>§2.9: <see cref="IsIdentifier(ReadOnlySpan{char}, out int)"/> over UTF-8 (a string the reader has not decoded).</summary>
    public static bool IsIdentifier(ReadOnlySpan<byte> id, out int typeLength)
    {
        typeLength = id.Length - 38;
        return typeLength > 0 && id[typeLength] == '-' && id[typeLength + 1] == '-' && id[typeLength - 1] != '-'
            && IsTypeName(id[..typeLength]) && IsRfc4122(id[(typeLength + 2)..]);
    }

    /// <summary>§3.1: <see cref="IsTypeName(ReadOnlySpan{char})"/> over UTF-8.</summary>
    public static bool IsTypeName(ReadOnlySpan<byte> type)
    {
        if (type.Length is < 3 or > 250)
        {
            return false;
        }

        byte previous = 0;
        foreach (var c in type)
        {
            if (!(char.IsAsciiLetterLower((char)c) || char.IsAsciiDigit((char)c) || c == '-') || (c == '-' && previous == '-'))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    /// <summary>RFC 4122: <see cref="IsRfc4122(ReadOnlySpan{char})"/> over UTF-8.</summary>
    public static bool IsRfc4122(ReadOnlySpan<byte> uuid)
    {
        if (uuid.Length != 36 || uuid[8] != '-' || uuid[13] != '-' || uuid[18] != '-' || uuid[23] != '-'
            || uuid[14] is < (byte)'1' or > (byte)'5' || uuid[19] is not ((byte)'8' or (byte)'9' or (byte)'a' or (byte)'b' or (byte)'A' or (byte)'B'))
        {
            return false;
        }

        return !uuid.ContainsAnyExcept(HexDigitsAndHyphenUtf8) && uuid.Count((byte)'-') == 4;
    }

    private static readonly SearchValues<byte> HexDigitsAndHyphenUtf8 = SearchValues.Create("0123456789abcdefABCDEF-"u8);

    /// <summary>The version digit of an RFC 4122 UUID written in the usual form.</summary>
    public static int UuidVersion(ReadOnlySpan<char> id) => id.Length >= 22 ? id[^22] - '0' : 0;

    /// <summary>§2.8: an even number of lower-case hexadecimal digits.</summary>
    public static bool IsHex(string text) => text.Length % 2 == 0 && !text.AsSpan().ContainsAnyExcept(LowerHexDigits);

    /// <summary>
    /// §2.1: RFC 4648 base64. Non-zero pad bits are accepted (RFC 4648 §3.5 lets decoders accept them, and
    /// common encoders emit them).
    /// </summary>
    public static bool IsBase64(string text) => text.Length % 4 == 0 && Base64Text().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9+/]*={0,2}\\z")]
    private static partial Regex Base64Text();

    /// <summary>§2.3, §2.7: dictionary keys are ASCII letters, digits, hyphen and underscore, at most 250 long.</summary>
    public static bool IsDictionaryKey(string key) => key.Length is >= 1 and <= 250 && !key.AsSpan().ContainsAnyExcept(DictionaryKeyCharacters);

    /// <summary>
    /// RFC 5646 language tags: well-formed, with a registered primary language subtag (or a private-use or
    /// grandfathered tag).
    /// </summary>
    public static bool IsLanguageTag(string text)
    {
        if (!LanguageTag().IsMatch(text))
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var primary = dash < 0 ? text : text[..dash];
        return primary.Length is < 2 or > 3 || primary is "x" or "i" || LanguageSubtags.IsRegistered(primary);
    }

    /// <summary>A character set name of the IANA registry that .NET knows (its preferred, 'web' names).</summary>
    public static bool IsCharacterSet(string text) => CharacterSets.Contains(text);

    private static readonly System.Collections.Frozen.FrozenSet<string> CharacterSets =
        System.Text.Encoding.GetEncodings().Concat(System.Text.CodePagesEncodingProvider.Instance.GetEncodings())
            .Select(e => e.Name).Append("US-ASCII").Append("UTF-8").Append("ISO-8859-1")
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>An absolute URL (RFC 3986: scheme ":" hier-part).</summary>
    public static bool IsUrl(string text) =>
        IsPlainWebUrl(text) || (!HasWhiteSpace(text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 0);

    /// <summary>
    /// Whether <paramref name="text"/> is a URL of the plainest web form, which <see cref="IsUrl"/> accepts without
    /// building a <see cref="Uri"/>: <c>http</c> or <c>https</c>, a host name of letters, digits and inner hyphens
    /// whose last label starts with a letter, or a dotted-quad IPv4 address; a port from 1 to 65535; then path, query
    /// and fragment of RFC 3986's unreserved characters, sub-delimiters, <c>:@/?</c> and percent-escapes (a single
    /// <c>#</c>); at most 2048 characters in all. False says only that the text is not of this form.
    /// </summary>
    public static bool IsPlainWebUrl(ReadOnlySpan<char> text)
    {
        var rest = text.Length > MaxPlainUrlLength ? default : text.StartsWith("https://") ? text[8..] : text.StartsWith("http://") ? text[7..] : default;
        var hostLength = rest.IndexOfAny(HostEnd);
        var host = hostLength < 0 ? rest : rest[..hostLength];
        if (!(IsPlainHostName(host) || IsDottedQuad(host)))
        {
            return false;
        }

        rest = rest[host.Length..];
        if (rest.StartsWith(':'))
        {
            var portLength = rest[1..].IndexOfAnyExceptInRange('0', '9');
            var port = portLength < 0 ? rest[1..] : rest[1..(1 + portLength)];
            if (port.Length is 0 or > 5 || port[0] == '0' || int.Parse(port, NumberStyles.None, CultureInfo.InvariantCulture) > 65535)
            {
                return false;
            }

            rest = rest[(1 + port.Length)..];
        }

        if (!rest.IsEmpty && rest[0] is not ('/' or '?' or '#'))
        {
            return false;
        }

        var fragments = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '%')
            {
                if (i + 2 >= rest.Length || !char.IsAsciiHexDigit(rest[i + 1]) || !char.IsAsciiHexDigit(rest[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (c == '#' ? ++fragments > 1 : !UrlCharacters.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainHostName(ReadOnlySpan<char> host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        var lastLabel = 0;
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            // A label with "--" may be an IDN's ACE form, which is for Uri to judge.
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.ContainsAnyExcept(HostNameCharacters) || label.Contains("--", StringComparison.Ordinal))
            {
                return false;
            }

            lastLabel = range.Start.Value;
        }

        return char.IsAsciiLetter(host[lastLabel]);
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> host)
    {
        var octets = 0;
        foreach (var range in host.Split('.'))
        {
            var octet = host[range];
            if (++octets > 4 || octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0') || octet.ContainsAnyExceptInRange('0', '9')
                || int.Parse(octet, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return octets == 4;
    }

    // Longer URLs are left to Uri, which has a limit of its own.
    private const int MaxPlainUrlLength = 2048;

    private static readonly SearchValues<char> HostEnd = SearchValues.Create(":/?#");
    private static readonly SearchValues<char> HostNameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
    private static readonly SearchValues<char> UrlCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?");

    private static bool HasWhiteSpace(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An IANA media type: <c>type/subtype</c> with optional parameters.</summary>
    public static bool IsMediaType(string text) => MediaType().IsMatch(text);

    /// <summary>A CPE 2.3 formatted string.</summary>
    public static bool IsCpe23(string text) => Cpe23().IsMatch(text);

    /// <summary>§2.14: terms outside a vocabulary should be lower case with hyphens between words.</summary>
    public static bool IsOpenVocabularyTerm(string term) => OpenVocabularyTerm().IsMatch(term);

    [GeneratedRegex("^[a-z0-9-]+\\z")]
    private static partial Regex OpenVocabularyTerm();

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<char> DictionaryKeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    // RFC 5646 §2.1 (langtag | privateuse | grandfathered), case-insensitive.
    [GeneratedRegex(@"^(([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?|x(-[a-z0-9]{1,8})+|i-[a-z]{2,8}|[a-z]{2,3}-[a-z]{2,8}(-[a-z]{2,8})*)\z", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageTag();

    // The top-level media types IANA registers (RFC 6838 §4.2), a subtype, optional parameters.
    [GeneratedRegex(@"^(application|audio|font|image|message|model|multipart|text|video|example|haptics)/[a-zA-Z0-9!#$&^_.+-]+(\s*;\s*[a-zA-Z0-9!#$&^_.+-]+=(""[^""]*""|[^;\s]+))*\z", RegexOptions.IgnoreCase)]
    private static partial Regex MediaType();

    [GeneratedRegex(@"^cpe:2\.3:[aho\*\-](:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!""#$%&'\(\)\+,/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!""#$%&'\(\)\+,/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){4}\z")]
    private static partial Regex Cpe23();
}
