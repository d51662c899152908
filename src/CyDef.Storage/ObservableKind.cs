namespace CyDef.Storage;

/// <summary>The kinds of value the correlation index holds.</summary>
public enum ObservableKind : byte
{
    /// <summary>An IPv4 address or CIDR block (<c>ipv4-addr:value</c>).</summary>
    Ipv4 = 1,
    /// <summary>An IPv6 address or CIDR block (<c>ipv6-addr:value</c>).</summary>
    Ipv6 = 2,
    /// <summary>A domain name, lower-cased (<c>domain-name:value</c>).</summary>
    DomainName = 3,
    /// <summary>A URL (<c>url:value</c>).</summary>
    Url = 4,
    /// <summary>A hash value, lower-cased hex (<c>file:hashes.*</c>, <c>artifact:hashes.*</c>, <c>x509-certificate:hashes.*</c>).</summary>
    Hash = 5,
    /// <summary>An e-mail address, lower-cased (<c>email-addr:value</c>).</summary>
    EmailAddress = 6,
    /// <summary>A MAC address, lower-cased (<c>mac-addr:value</c>).</summary>
    MacAddress = 7,
    /// <summary>A file name (<c>file:name</c>).</summary>
    FileName = 8,
    /// <summary>An autonomous system number (<c>autonomous-system:number</c>).</summary>
    AutonomousSystem = 9,
    /// <summary>Another value property: a mutex or directory name, a registry key, a user account, a software name.</summary>
    Other = 10,
    /// <summary>The id of an SCO that an observed-data object references (<c>object_refs</c>).</summary>
    ObjectReference = 11,
}
