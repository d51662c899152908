using System.Net;
using CyDef.Patterns;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Detection.Exports;

/// <summary>
/// The values of an indicator that sensor exports carry: only for an indicator that is valid at the time given
/// (not revoked, <c>valid_from</c> ≤ now &lt; <c>valid_until</c>, <c>pattern_type</c> stix) and whose pattern is an
/// exact-value one (<see cref="ExactValues"/>: one bracket, <c>=</c>/<c>IN</c> joined by OR), on the paths of
/// addresses, domain names, URLs, e-mail addresses and file digests. Values that are not what their path says (an
/// address that does not parse, a digest of the wrong length, a name with spaces) are left out, so an export never
/// holds a line a sensor would refuse. Other patterns cannot be said as a list of values and are not exported.
/// </summary>
public static class SensorExport
{
    private static readonly Dictionary<string, IndicatorValueType> Paths = new(StringComparer.Ordinal)
    {
        ["ipv4-addr:value"] = IndicatorValueType.Ipv4,
        ["ipv6-addr:value"] = IndicatorValueType.Ipv6,
        ["network-traffic:src_ref.value"] = IndicatorValueType.Ipv4,
        ["network-traffic:dst_ref.value"] = IndicatorValueType.Ipv4,
        ["domain-name:resolves_to_refs[*].value"] = IndicatorValueType.Ipv4,
        ["domain-name:value"] = IndicatorValueType.Domain,
        ["url:value"] = IndicatorValueType.Url,
        ["email-addr:value"] = IndicatorValueType.Email,
        ["file:hashes.MD5"] = IndicatorValueType.Md5,
        ["file:hashes.'SHA-1'"] = IndicatorValueType.Sha1,
        ["file:hashes.'SHA-256'"] = IndicatorValueType.Sha256,
    };

    /// <summary>The values of <paramref name="indicator"/> that a sensor can be given now, or none.</summary>
    /// <param name="indicator">A STIX object (as the reader may see it); anything but a valid indicator gives none.</param>
    /// <param name="now">The time validity is judged by.</param>
    public static IReadOnlyList<ExportEntry> Entries(StixValue indicator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (!IsValid(indicator, now) || indicator["id"]?.AsString() is not { } id
            || !StixPattern.Parse(indicator["pattern"]!.AsString()!).TryGetValue(out var pattern) || !ExactValues.TryGet(pattern, out var values))
        {
            return [];
        }

        var name = indicator["name"]?.AsString();
        var entries = new List<ExportEntry>(values.Count);
        foreach (var value in values)
        {
            if (Paths.TryGetValue(value.Path, out var type) && Normalize(ref type, value.Value) is { } normal)
            {
                entries.Add(new ExportEntry(id, name, type, normal));
            }
        }

        return entries;
    }

    /// <summary>Reads a type's name: <c>ipv4</c>, <c>ipv6</c>, <c>domain</c>, <c>url</c>, <c>email</c>, <c>md5</c>, <c>sha1</c>, <c>sha256</c>.</summary>
    /// <param name="text">The name.</param>
    /// <param name="type">The type.</param>
    public static bool TryParseType(string text, out IndicatorValueType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var candidate in Enum.GetValues<IndicatorValueType>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Reads a format's name: <c>suricata-rules</c>, <c>suricata-dataset</c>, <c>zeek-intel</c>, <c>blocklist</c>.</summary>
    /// <param name="text">The name.</param>
    /// <param name="format">The format.</param>
    public static bool TryParseFormat(string text, out ExportFormat format)
    {
        format = text switch
        {
            "suricata-rules" => ExportFormat.SuricataRules,
            "suricata-dataset" => ExportFormat.SuricataDataset,
            "zeek-intel" => ExportFormat.ZeekIntel,
            "blocklist" => ExportFormat.Blocklist,
            _ => (ExportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>The name of a type, as <see cref="TryParseType"/> reads it.</summary>
    /// <param name="type">The type.</param>
    public static string Name(IndicatorValueType type) => type.ToString().ToLowerInvariant();

    private static bool IsValid(StixValue indicator, DateTimeOffset now) =>
        indicator["type"]?.AsString() == "indicator"
        && indicator["revoked"] is not { Kind: StixValueKind.True }
        && indicator["pattern_type"]?.AsString() == "stix"
        && indicator["pattern"]?.AsString() is not null
        && (Time(indicator["valid_from"]) is not { } from || from <= now)
        && (Time(indicator["valid_until"]) is not { } until || until > now);

    private static DateTimeOffset? Time(StixValue? value) =>
        value?.AsString() is { } text && StixTimestamp.TryParse(text, out var time) ? new DateTimeOffset(time.UtcDateTime) : null;

    private static string? Normalize(ref IndicatorValueType type, string value)
    {
        switch (type)
        {
            case IndicatorValueType.Ipv4 or IndicatorValueType.Ipv6:
                return Address(ref type, value);
            case IndicatorValueType.Domain:
                var domain = value.TrimEnd('.').ToLowerInvariant();
                return domain.Length is > 0 and <= 253 && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') ? domain : null;
            case IndicatorValueType.Url:
                return value.Length is > 0 and <= 4096 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) && value.Contains("://", StringComparison.Ordinal) ? value : null;
            case IndicatorValueType.Email:
                return value.Length <= 320 && value.IndexOf('@') > 0 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"') ? value : null;
            default:
                var digits = type switch { IndicatorValueType.Md5 => 32, IndicatorValueType.Sha1 => 40, _ => 64 };
                return value.Length == digits && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
        }
    }

    private static string? Address(ref IndicatorValueType type, string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? value : value[..slash], out var address) || value.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        type = v6 ? IndicatorValueType.Ipv6 : IndicatorValueType.Ipv4;
        if (slash < 0)
        {
            return address.ToString();
        }

        return int.TryParse(value.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix <= (v6 ? 128 : 32)
            ? (prefix == (v6 ? 128 : 32) ? address.ToString() : $"{address}/{prefix}")
            : null;
    }
}
