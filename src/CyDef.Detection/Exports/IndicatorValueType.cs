namespace CyDef.Detection.Exports;

/// <summary>The kinds of value an indicator names that sensor exports carry.</summary>
public enum IndicatorValueType
{
    /// <summary>An IPv4 address or CIDR block (<c>ipv4-addr:value</c>, a network-traffic end, a DNS answer).</summary>
    Ipv4,
    /// <summary>An IPv6 address or CIDR block.</summary>
    Ipv6,
    /// <summary>A domain name (<c>domain-name:value</c>), lower case, without a trailing dot.</summary>
    Domain,
    /// <summary>A URL (<c>url:value</c>).</summary>
    Url,
    /// <summary>An e-mail address (<c>email-addr:value</c>).</summary>
    Email,
    /// <summary>An MD5 digest of a file, lower-case hex.</summary>
    Md5,
    /// <summary>A SHA-1 digest of a file, lower-case hex.</summary>
    Sha1,
    /// <summary>A SHA-256 digest of a file, lower-case hex.</summary>
    Sha256,
}
