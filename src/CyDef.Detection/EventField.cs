namespace CyDef.Detection;

/// <summary>What a value a sensor reported is: each maps onto the STIX object paths listed in docs/detection.md.</summary>
public enum EventField : byte
{
    /// <summary>The source address (IPv4 or IPv6).</summary>
    SourceIp,
    /// <summary>The destination address.</summary>
    DestinationIp,
    /// <summary>An address a DNS answer resolved a name to.</summary>
    ResolvedIp,
    /// <summary>A domain name: DNS query or answer, HTTP host, TLS server name.</summary>
    Domain,
    /// <summary>A URL (scheme, host and path).</summary>
    Url,
    /// <summary>A file's MD5.</summary>
    Md5,
    /// <summary>A file's SHA-1.</summary>
    Sha1,
    /// <summary>A file's SHA-256.</summary>
    Sha256,
    /// <summary>A file name.</summary>
    FileName,
    /// <summary>An e-mail address.</summary>
    Email,
    /// <summary>The JA3 hash of a TLS client hello.</summary>
    Ja3,
    /// <summary>The JA3S hash of a TLS server hello.</summary>
    Ja3s,
    /// <summary>The JA4 fingerprint of a TLS client hello.</summary>
    Ja4,
    /// <summary>An X.509 certificate's SHA-1 fingerprint (hex, no colons).</summary>
    CertificateSha1,
    /// <summary>An X.509 certificate's SHA-256 fingerprint.</summary>
    CertificateSha256,
    /// <summary>An X.509 certificate's serial number.</summary>
    CertificateSerial,
    /// <summary>An X.509 certificate's subject.</summary>
    CertificateSubject,
    /// <summary>An X.509 certificate's issuer.</summary>
    CertificateIssuer,
    /// <summary>The transport protocol (tcp, udp, icmp …), lower case.</summary>
    Protocol,
}
