using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Generation;

/// <summary>
/// Generates the objects of a realistic threat-intelligence feed: STIX 2.1 indicators (patterns over
/// addresses, domain names, URLs, file hashes and traffic; validity windows; names and descriptions; TLP
/// markings; external references; kill chain phases) mixed with the cyber-observables they describe
/// (ipv4-addr, domain-name, url, file with hashes, network-traffic). SDO ids are UUIDv4s; SCO ids are the
/// deterministic UUIDv5s of §2.9. Every object is meant to validate without errors or warnings.
/// </summary>
internal sealed partial class StixFeedGenerator
{
    // §7.2.1.4: the TLP 1.0 marking definitions STIX 2.1 predefines (white, green, amber, red).
    private static readonly string[] TlpMarkings =
    [
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
    ];

    private const string FeedIdentity = "identity--b3ab5e69-0a4d-4c5e-9d2f-3c1b8f2e7a10";

    private readonly RandomValues _values;
    private readonly string[] _recentAddresses = new string[64];
    private int _addressCount;

    /// <summary>Creates a generator; the same seed always gives the same sequence of objects.</summary>
    public StixFeedGenerator(int seed) => _values = new RandomValues(seed);

    /// <summary>How many objects of each type have been generated, by <c>type</c>.</summary>
    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>The next object: 45 % indicators, then ipv4-addr, domain-name, url, file and network-traffic.</summary>
    public StixValue Next()
    {
        var roll = _values.Next(100);
        var (type, value) = roll switch
        {
            < 45 => ("indicator", Indicator()),
            < 60 => ("ipv4-addr", Ipv4Address()),
            < 72 => ("domain-name", DomainName()),
            < 82 => ("url", Url()),
            < 92 => ("file", File()),
            _ => ("network-traffic", NetworkTraffic()),
        };
        Counts[type] = Counts.GetValueOrDefault(type) + 1;
        return value;
    }

    private static StixProperty P(string name, string value) => new(name, StixValue.String(value));

    private static StixProperty P(string name, long value) => new(name, StixValue.Number(value));

    private static StixProperty P(string name, StixValue value) => new(name, value);

    private static StixValue Strings(params string[] items) => StixValue.Array(items);

    private StixProperty Markings() => P("object_marking_refs", Strings(_values.Pick(TlpMarkings)));
}
