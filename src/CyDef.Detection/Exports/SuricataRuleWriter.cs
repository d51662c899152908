using System.Text;

namespace CyDef.Detection.Exports;

/// <summary>
/// Suricata rules (Suricata 7's rule language): an address alerts on IP traffic to or from it (<c>&lt;&gt;</c>); a domain
/// name on a DNS query, a TLS SNI and an HTTP host that are exactly it; an <c>http://</c> URL on a request whose host
/// and raw URI are exactly its own. Contents are written with Suricata's escapes (<c>"</c>, <c>;</c>, <c>\</c>,
/// <c>|</c> and every byte outside printable ASCII as <c>|hex|</c>). Each rule names its indicator in <c>metadata</c>; its
/// <c>sid</c> is a hash of the indicator, the value and the kind of rule into 3,000,000,000–3,999,999,999 (the next free
/// one on a collision within the file), so the same indicator keeps its sid from one export to the next. E-mail
/// addresses and digests are left out: Suricata 7 has no keyword for the first and needs list files for the second
/// (a Suricata dataset export carries them).
/// </summary>
internal sealed class SuricataRuleWriter(TextWriter output, IndicatorValueType? type, string title) : ExportWriter(output, type)
{
    private const uint SidBase = 3_000_000_000;
    private const uint SidRange = 1_000_000_000;
    private readonly HashSet<uint> _sids = [];

    public override void Start() => Output.Write($"# CyDef indicators for Suricata: {Clean(title, 200)}\n");

    private protected override bool WriteEntry(ExportEntry entry)
    {
        switch (entry.Type)
        {
            case IndicatorValueType.Ipv4 or IndicatorValueType.Ipv6:
                Rule(entry, "ip", $"any any <> [{entry.Value}] any", "", "");
                return true;
            case IndicatorValueType.Domain:
                Rule(entry, "dns", "any any -> any any", "DNS query", $"dns.query; {Exact(entry.Value)} nocase;");
                Rule(entry, "tls", "any any -> any any", "TLS SNI", $"tls.sni; {Exact(entry.Value)} nocase;");
                Rule(entry, "http", "any any -> any any", "HTTP host", $"http.host; {Exact(entry.Value)}");
                return true;
            case IndicatorValueType.Url when Http(entry.Value) is var (host, path):
                Rule(entry, "http", "any any -> any any", "URL", $"http.host; {Exact(host)} http.uri.raw; {Exact(path)}");
                return true;
            default:
                return false;
        }
    }

    private void Rule(ExportEntry entry, string protocol, string addresses, string kind, string match)
    {
        var sid = Sid(entry, protocol + kind);
        var name = entry.Name is { Length: > 0 } n ? Clean(n, 120) : entry.IndicatorId;
        var msg = kind.Length == 0 ? $"CyDef {name}" : $"CyDef {name} ({kind})";
        Output.Write($"alert {protocol} {addresses} (msg:\"{msg}\"; {match}{(match.Length == 0 ? "" : " ")}metadata:cydef_indicator {entry.IndicatorId}; sid:{sid}; rev:1;)\n");
    }

    /// <summary>The host (lower case, without a port) and the path with its query of an http:// URL; null for any other.</summary>
    private static (string Host, string Path)? Http(string url)
    {
        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = url[7..];
        var slash = rest.IndexOfAny(['/', '?']);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "/" : rest[slash] == '?' ? "/" + rest[slash..] : rest[slash..];
        var at = authority.LastIndexOf('@');
        var host = at < 0 ? authority : authority[(at + 1)..];
        var colon = host.StartsWith('[') ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
        host = (colon > 0 ? host[..colon] : host).ToLowerInvariant();
        return host.Length == 0 ? null : (host, path);
    }

    private static string Exact(string value) => $"content:\"{Content(value)}\"; startswith; endswith;";

    // Suricata's content: printable ASCII as it is, except the characters that end or escape it; everything else as |hex|.
    private static string Content(string value)
    {
        var text = new StringBuilder();
        var hex = false;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var plain = b is >= 0x20 and < 0x7F && b is not (byte)'"' and not (byte)';' and not (byte)'\\' and not (byte)'|';
            if (plain == hex)
            {
                text.Append('|');
                hex = !hex;
            }
            else if (hex)
            {
                text.Append(' ');
            }

            if (hex)
            {
                text.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append((char)b);
            }
        }

        return hex ? text.Append('|').ToString() : text.ToString();
    }

    // A msg or a comment: printable ASCII only, without the characters a rule gives a meaning to.
    private static string Clean(string text, int max)
    {
        var clean = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (clean.Length == max)
            {
                break;
            }

            clean.Append(c is >= ' ' and < (char)0x7F and not '"' and not ';' and not '\\' and not '(' and not ')' ? c : ' ');
        }

        return clean.ToString().Trim();
    }

    private uint Sid(ExportEntry entry, string kind)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in $"{entry.IndicatorId}|{kind}|{entry.Value}")
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var offset = (uint)(hash % SidRange);
        while (!_sids.Add(SidBase + offset))
        {
            offset = (offset + 1) % SidRange;
        }

        return SidBase + offset;
    }
}
