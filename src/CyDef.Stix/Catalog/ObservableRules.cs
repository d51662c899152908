using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;
using static CyDef.Stix.Catalog.CommonRules;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The MUSTs of §6 (cyber-observables, their extensions and structured types) that involve more than one
/// property, or a value's syntax, and that the content alone can decide.
/// </summary>
internal static class ObservableRules
{
    // §6.17: the truncated forms of the registry hives.
    private static readonly string[] AbbreviatedHives = ["HKLM", "HKCU", "HKCR", "HKU", "HKCC"];

    /// <summary>§6.1: one of payload_bin or url MUST be provided, and each MUST NOT be present with the other.</summary>
    public static readonly ObjectRule ArtifactPayloadOrUrl = ExactlyOne("6.1", "payload_bin", "url");

    /// <summary>§6.1: hashes MUST be present when url is.</summary>
    public static readonly ObjectRule ArtifactHashesWithUrl =
        RequiredWhen("hashes", v => Has(v, "url"), "when 'url' is present", "6.1");

    /// <summary>§6.1: decryption_key MUST NOT be present when encryption_algorithm is absent.</summary>
    public static readonly ObjectRule ArtifactKeyNeedsAlgorithm =
        ForbiddenWhen("decryption_key", v => !Has(v, "encryption_algorithm"), "when 'encryption_algorithm' is absent", "6.1");

    /// <summary>§6.4: the value MUST conform to RFC 1034 (labels) and RFC 5890 (internationalised labels).</summary>
    public static readonly ObjectRule DomainNameValue =
        StringSyntax("value", IsDomainName, "a domain name (RFC 1034, RFC 5890)", "6.4");

    /// <summary>§6.5: the value is an RFC 5322 addr-spec and MUST NOT include the display name.</summary>
    public static readonly ObjectRule EmailAddressValue =
        StringSyntax("value", IsAddrSpec, "an addr-spec such as jane.smith@example.com, without display name", "6.5");

    /// <summary>§6.6: body MUST NOT be used if is_multipart is true.</summary>
    public static readonly ObjectRule EmailBodyNotMultipart =
        ForbiddenWhen("body", v => IsTrue(v, "is_multipart"), "when 'is_multipart' is true", "6.6");

    /// <summary>§6.6: body_multipart MUST NOT be used if is_multipart is false.</summary>
    public static readonly ObjectRule EmailMultipartOnlyMultipart =
        ForbiddenWhen("body_multipart", v => v["is_multipart"]?.Kind == StixValueKind.False, "when 'is_multipart' is false", "6.6");

    /// <summary>§6.6: each value of additional_header_fields MUST be a list of strings.</summary>
    public static readonly ObjectRule EmailHeaderValues =
        DictionaryValues("additional_header_fields", IsStringList, "a list of strings", "6.6");

    /// <summary>§6.6.2: one of body or body_raw_ref MUST be included (they describe textual and non-textual parts).</summary>
    public static readonly ObjectRule MimePartBodyOrRef = ExactlyOne("6.6.2", "body", "body_raw_ref");

    /// <summary>§6.7: a File object MUST contain at least one of hashes or name.</summary>
    public static readonly ObjectRule FileHashesOrName = AtLeastOne("6.7", "hashes", "name");

    /// <summary>§6.7.4: each value of document_info_dict MUST be a string.</summary>
    public static readonly ObjectRule PdfDocumentInfoValues =
        DictionaryValues("document_info_dict", v => v.IsString, "a string", "6.7.4");

    /// <summary>§6.7.5: each value of exif_tags MUST be an integer or a string.</summary>
    public static readonly ObjectRule ExifTagValues =
        DictionaryValues("exif_tags", IsIntegerOrString, "an integer or a string", "6.7.5");

    /// <summary>§6.7.6: at least one property other than pe_type MUST be present.</summary>
    public static readonly ObjectRule PeBinaryHasContent = AtLeastOne("6.7.6",
        "imphash", "machine_hex", "number_of_sections", "time_date_stamp", "pointer_to_symbol_table_hex",
        "number_of_symbols", "size_of_optional_header", "characteristics_hex", "file_header_hashes",
        "optional_header", "sections");

    /// <summary>§6.8: the value is one or more IPv4 addresses in CIDR notation (the /32 suffix may be omitted).</summary>
    public static readonly ObjectRule Ipv4Value =
        StringSyntax("value", IsIpv4Cidr, "an IPv4 address or CIDR block, e.g. 10.2.4.5/24", "6.8");

    /// <summary>§6.9: the value is one or more IPv6 addresses in CIDR notation (the /128 suffix may be omitted).</summary>
    public static readonly ObjectRule Ipv6Value =
        StringSyntax("value", IsIpv6Cidr, "an IPv6 address or CIDR block, e.g. 2001:db8::/96", "6.9");

    /// <summary>§6.10: the value MUST be a colon-delimited, lowercase MAC-48 address with leading zeros.</summary>
    public static readonly ObjectRule MacAddressValue =
        StringSyntax("value", IsMac48, "a colon-delimited, lowercase MAC-48 address, e.g. 00:00:ab:cd:ef:01", "6.10");

    /// <summary>§6.12: at least one of src_ref or dst_ref MUST be present.</summary>
    public static readonly ObjectRule TrafficSourceOrDestination = AtLeastOne("6.12", "src_ref", "dst_ref");

    /// <summary>§6.12: end MUST be greater than or equal to start.</summary>
    public static readonly ObjectRule TrafficEndNotBeforeStart = NotBefore("end", "start", "6.12");

    /// <summary>§6.12: if is_active is true, end MUST NOT be included (and if end is, is_active MUST be false).</summary>
    public static readonly ObjectRule TrafficActiveHasNoEnd =
        ForbiddenWhen("end", v => IsTrue(v, "is_active"), "when 'is_active' is true", "6.12");

    /// <summary>§6.12: each value of ipfix MUST be an integer or a string.</summary>
    public static readonly ObjectRule IpfixValues =
        DictionaryValues("ipfix", IsIntegerOrString, "an integer or a string", "6.12");

    /// <summary>§6.12.2: each value of request_header MUST be a list of strings.</summary>
    public static readonly ObjectRule HttpHeaderValues =
        DictionaryValues("request_header", IsStringList, "a list of strings", "6.12.2");

    /// <summary>§6.12.4: each value of options MUST be an integer.</summary>
    public static readonly ObjectRule SocketOptionValues =
        DictionaryValues("options", v => v.IsIntegerNumber, "an integer", "6.12.4");

    /// <summary>§6.13: a Process object MUST contain at least one property (other than type) from this object or one of its extensions.</summary>
    public static readonly ObjectRule ProcessHasContent = AtLeastOne("6.13",
        "is_hidden", "pid", "created_time", "cwd", "command_line", "environment_variables", "opened_connection_refs",
        "creator_user_ref", "image_ref", "parent_ref", "child_refs", "extensions");

    /// <summary>§6.13: each value of environment_variables MUST be a string.</summary>
    public static readonly ObjectRule EnvironmentVariableValues =
        DictionaryValues("environment_variables", v => v.IsString, "a string", "6.13");

    /// <summary>§6.16: as all its properties are optional, at least one of them MUST be included.</summary>
    public static readonly ObjectRule UserAccountHasContent = AtLeastOne("6.16",
        "user_id", "credential", "account_login", "account_type", "display_name", "is_service_account",
        "is_privileged", "can_escalate_privs", "is_disabled", "account_created", "account_expires",
        "credential_last_changed", "account_first_login", "account_last_login", "extensions");

    /// <summary>§6.17: as all its properties are optional, at least one of them MUST be included.</summary>
    public static readonly ObjectRule RegistryKeyHasContent = AtLeastOne("6.17",
        "key", "values", "modified_time", "creator_user_ref", "number_of_subkeys");

    /// <summary>§6.17: the hive portion of the key MUST be fully expanded (HKEY_LOCAL_MACHINE, not HKLM).</summary>
    public static readonly ObjectRule RegistryKeyHiveExpanded =
        StringSyntax("key", HasExpandedHive, "a key whose hive is fully expanded (HKEY_LOCAL_MACHINE, not HKLM)", "6.17");

    /// <summary>§6.18: an X.509 Certificate object MUST contain at least one object-specific property.</summary>
    public static readonly ObjectRule CertificateHasContent = AtLeastOne("6.18",
        "is_self_signed", "hashes", "version", "serial_number", "signature_algorithm", "issuer", "validity_not_before",
        "validity_not_after", "subject", "subject_public_key_algorithm", "subject_public_key_modulus",
        "subject_public_key_exponent", "x509_v3_extensions");

    private static bool Has(StixValue value, string name) => value.TryGetProperty(name, out _);

    /// <summary>The string property <paramref name="name"/>, when present, MUST satisfy <paramref name="valid"/>.</summary>
    private static ObjectRule StringSyntax(string name, Func<string, bool> valid, string expected, string section) =>
        (value, context) =>
        {
            if (value[name]?.AsString() is { } text && !valid(text))
            {
                context.Error(name, $"'{name}' ('{text}') must be {expected}", section);
            }
        };

    /// <summary>Each value of the dictionary <paramref name="name"/>, when present, MUST satisfy <paramref name="valid"/>.</summary>
    private static ObjectRule DictionaryValues(string name, Func<StixValue, bool> valid, string expected, string section) =>
        (value, context) =>
        {
            if (value[name] is not { IsObject: true } dictionary)
            {
                return;
            }

            foreach (var entry in dictionary.Properties)
            {
                if (!valid(entry.Value))
                {
                    context.Error(KeyPath(name, entry.Name), $"the value of '{entry.Name}' in '{name}' must be {expected}", section);
                }
            }
        };

    // Keys that JsonPath.Combine cannot take as a relative path are reported on the dictionary itself.
    private static string KeyPath(string dictionary, string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return dictionary;
            }
        }

        return key.Length == 0 ? dictionary : $"{dictionary}.{key}";
    }

    private static bool IsStringList(StixValue value)
    {
        if (!value.IsArray)
        {
            return false;
        }

        foreach (var item in value.Items)
        {
            if (!item.IsString)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIntegerOrString(StixValue value) => value.IsString || value.IsIntegerNumber;

    private static bool IsMac48(string text)
    {
        if (text.Length != 17)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var ok = i % 3 == 2 ? text[i] == ':' : char.IsAsciiDigit(text[i]) || text[i] is >= 'a' and <= 'f';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIpv4Cidr(string text)
    {
        var (address, prefix) = SplitCidr(text);
        if (prefix is not null && !IsDecimal(prefix, 32))
        {
            return false;
        }

        var octets = 0;
        foreach (var range in address.AsSpan().Split('.'))
        {
            if (++octets > 4 || !IsDecimal(address.AsSpan(range), 255))
            {
                return false;
            }
        }

        return octets == 4;
    }

    private static bool IsIpv6Cidr(string text)
    {
        var (address, prefix) = SplitCidr(text);
        if (prefix is not null && !IsDecimal(prefix, 128))
        {
            return false;
        }

        // IPAddress also accepts scope ids (%eth0) and brackets, which are no part of an address.
        return address.Contains(':', StringComparison.Ordinal)
            && address.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            && IPAddress.TryParse(address, out var parsed)
            && parsed.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static (string Address, string? Prefix) SplitCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (text, null) : (text[..slash], text[(slash + 1)..]);
    }

    // A decimal number without sign or leading zeros, at most max.
    private static bool IsDecimal(ReadOnlySpan<char> text, int max)
    {
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }

    // RFC 1034 §3.5 labels (letters, digits, inner hyphens; up to 63 octets; the name up to 253), with U-labels
    // (RFC 5890) made of Unicode letters, digits and marks. Underscores, common in service names, are accepted.
    private static bool IsDomainName(string text)
    {
        var name = text.EndsWith('.') ? text.AsSpan(0, text.Length - 1) : text;
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (!IsDomainLabel(name[label]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomainLabel(ReadOnlySpan<char> label)
    {
        if (label.Length == 0 || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        var ascii = true;
        foreach (var c in label)
        {
            if (char.IsAscii(c))
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    return false;
                }
            }
            else if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
                         or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Surrogate)
            {
                ascii = false;
            }
            else
            {
                return false;
            }
        }

        return !ascii || label.Length <= 63;
    }

    // RFC 5322 §3.4.1 addr-spec: local-part "@" domain. A display name comes with the address in angle brackets;
    // whitespace is allowed only in a quoted local-part.
    private static bool IsAddrSpec(string text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.EndsWith('>'))
        {
            return false;
        }

        var localPartOk = text[0] == '"' || !text[..at].Any(char.IsWhiteSpace);
        return localPartOk && !text[(at + 1)..].Any(char.IsWhiteSpace);
    }

    private static bool HasExpandedHive(string key)
    {
        var end = key.IndexOf('\\', StringComparison.Ordinal);
        var hive = end < 0 ? key : key[..end];
        return !AbbreviatedHives.Contains(hive, StringComparer.OrdinalIgnoreCase);
    }
}
