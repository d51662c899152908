namespace CyDef.Detection.Index;

/// <summary>
/// The STIX object paths on which events carry string values (docs/detection.md has the table): the SCOs an event
/// stands for hold exactly these, so exact-value indicators on them are looked up by value, and the compiled
/// matcher's probe is told them.
/// </summary>
internal static class KnownPaths
{
    public const byte Ipv4 = 0, Ipv6 = 1, SourceRef = 2, DestinationRef = 3, Domain = 4, ResolvesTo = 5, Url = 6, Md5 = 7, Sha1 = 8,
        Sha256 = 9, FileName = 10, Email = 11, Ja3 = 12, Ja3s = 13, Ja4 = 14, CertSha1 = 15, CertSha256 = 16, CertSerial = 17,
        CertSubject = 18, CertIssuer = 19, Protocols = 20;

    /// <summary>The SCO type that stands for JA3/JA3S/JA4 fingerprints (STIX has none).</summary>
    public const string TlsType = "x-cydef-tls";

    /// <summary>Indexed by the constants above; canonical pattern syntax (as <see cref="Patterns.ObjectPath.ToString"/> writes it).</summary>
    public static readonly string[] Paths =
    [
        "ipv4-addr:value", "ipv6-addr:value", "network-traffic:src_ref.value", "network-traffic:dst_ref.value", "domain-name:value",
        "domain-name:resolves_to_refs[*].value", "url:value", "file:hashes.MD5", "file:hashes.'SHA-1'", "file:hashes.'SHA-256'", "file:name",
        "email-addr:value", TlsType + ":ja3", TlsType + ":ja3s", TlsType + ":ja4", "x509-certificate:hashes.'SHA-1'",
        "x509-certificate:hashes.'SHA-256'", "x509-certificate:serial_number", "x509-certificate:subject", "x509-certificate:issuer",
        "network-traffic:protocols[*]",
    ];

    /// <summary>The SCO types an event's Observation may hold.</summary>
    public static readonly string[] Types =
        ["ipv4-addr", "ipv6-addr", "network-traffic", "domain-name", "url", "file", "email-addr", TlsType, "x509-certificate"];

    /// <summary>The index of <c>network-traffic</c> in <see cref="Types"/>.</summary>
    public const int TrafficType = 2;

    /// <summary>The index in <see cref="Types"/> of the SCO a field's value sits on (-1 for the protocol, which sits on network-traffic).</summary>
    public static int TypeOf(EventField field, bool v6) => field switch
    {
        EventField.SourceIp or EventField.DestinationIp or EventField.ResolvedIp => v6 ? 1 : 0,
        EventField.Domain => 3,
        EventField.Url => 4,
        EventField.Md5 or EventField.Sha1 or EventField.Sha256 or EventField.FileName => 5,
        EventField.Email => 6,
        EventField.Ja3 or EventField.Ja3s or EventField.Ja4 => 7,
        EventField.Protocol => -1,
        _ => 8,
    };

    private static readonly Dictionary<string, byte> ByPath = Paths.Select((p, i) => (p, (byte)i)).ToDictionary(x => x.p, x => x.Item2, StringComparer.Ordinal);

    public static bool TryGet(string path, out byte id) => ByPath.TryGetValue(path, out id);

    /// <summary>The path ids of a field's value (for addresses, after the family: <paramref name="v6"/>).</summary>
    public static int Of(EventField field, bool v6, bool hasDomain, Span<byte> into)
    {
        var ip = v6 ? Ipv6 : Ipv4;
        switch (field)
        {
            case EventField.SourceIp:
                into[0] = ip;
                into[1] = SourceRef;
                return 2;
            case EventField.DestinationIp:
                into[0] = ip;
                into[1] = DestinationRef;
                return 2;
            case EventField.ResolvedIp:
                into[0] = ip;
                into[1] = ResolvesTo;
                return hasDomain ? 2 : 1;
            default:
                into[0] = field switch
                {
                    EventField.Domain => Domain,
                    EventField.Url => Url,
                    EventField.Md5 => Md5,
                    EventField.Sha1 => Sha1,
                    EventField.Sha256 => Sha256,
                    EventField.FileName => FileName,
                    EventField.Email => Email,
                    EventField.Ja3 => Ja3,
                    EventField.Ja3s => Ja3s,
                    EventField.Ja4 => Ja4,
                    EventField.CertificateSha1 => CertSha1,
                    EventField.CertificateSha256 => CertSha256,
                    EventField.CertificateSerial => CertSerial,
                    EventField.CertificateSubject => CertSubject,
                    EventField.CertificateIssuer => CertIssuer,
                    _ => Protocols,
                };
                return 1;
        }
    }
}
