namespace CyDef.Server.Web.Data;

/// <summary>The lists the UI offers, each a set of STIX types.</summary>
/// <param name="Key">The list's name in its URL (<c>/list/indicators</c>).</param>
/// <param name="Title">Its heading.</param>
/// <param name="Types">The STIX types it holds.</param>
public sealed record ObjectLists(string Key, string Title, IReadOnlyList<string> Types)
{
    /// <summary>The cyber observable types (STIX 2.1 §6).</summary>
    public static readonly IReadOnlyList<string> Observables =
    [
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr",
        "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate",
    ];

    /// <summary>Every list.</summary>
    public static readonly IReadOnlyList<ObjectLists> All =
    [
        new("indicators", "Indicators", ["indicator"]),
        new("observables", "Observables", Observables),
        new("reports", "Reports", ["report"]),
        new("actors", "Threat actors", ["threat-actor", "intrusion-set"]),
        new("sightings", "Sightings", ["sighting"]),
        new("malware", "Malware and tools", ["malware", "tool"]),
        new("techniques", "Attack patterns", ["attack-pattern"]),
    ];

    /// <summary>The list named <paramref name="key"/>, or null.</summary>
    /// <param name="key">The name.</param>
    public static ObjectLists? Find(string? key) => All.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase));
}
