using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Generation;

internal sealed partial class StixFeedGenerator
{
    private static readonly string[] IndicatorTypes = ["malicious-activity", "anomalous-activity", "compromised", "attribution", "anonymization"];
    private static readonly string[] Families = ["Emotet", "QakBot", "Cobalt Strike", "AsyncRAT", "Lumma Stealer", "IcedID", "Sliver", "BlackCat"];
    private static readonly string[] Sources = ["CyDef sensor network", "partner ISAC feed", "sandbox detonation", "honeypot fleet", "incident response"];

    private readonly record struct IndicatorContent(string Name, string What, string Pattern, string Phase);

    // §4.7: an indicator with a STIX pattern, a validity window, and (SHOULD) a name and a description.
    private StixValue Indicator()
    {
        var created = _values.Instant();
        var modified = created.AddMinutes(_values.Next(0, 60 * 24 * 30));
        var content = IndicatorContentFor(_values.Next(100));
        var properties = new List<StixProperty>(20)
        {
            P("type", "indicator"),
            P("spec_version", "2.1"),
            P("id", "indicator--" + _values.UuidV4()),
            P("created_by_ref", FeedIdentity),
            P("created", RandomValues.Timestamp(created)),
            P("modified", RandomValues.Timestamp(modified)),
            P("name", content.Name),
            P("description", $"{content.What} associated with {_values.Pick(Families)} activity, reported by the {_values.Pick(Sources)} on {created:yyyy-MM-dd}."),
            P("indicator_types", Strings(_values.Pick(IndicatorTypes))),
            P("pattern", content.Pattern),
            P("pattern_type", "stix"),
            P("pattern_version", "2.1"),
            P("valid_from", RandomValues.Timestamp(created)),
        };
        AddOptional(properties, created, content.Phase);
        return StixValue.Object([.. properties]);
    }

    private void AddOptional(List<StixProperty> properties, DateTime created, string phase)
    {
        if (_values.Chance(70))
        {
            properties.Add(P("valid_until", RandomValues.Timestamp(created.AddDays(_values.Next(30, 366)))));
        }

        if (_values.Chance(50))
        {
            var killChainPhase = StixValue.Object([P("kill_chain_name", "mitre-attack"), P("phase_name", phase)]);
            properties.Add(P("kill_chain_phases", StixValue.Array([killChainPhase])));
        }

        properties.Add(P("confidence", _values.Next(101)));
        if (_values.Chance(30))
        {
            properties.Add(P("labels", Strings("feed:cydef", _values.Chance(50) ? "tlp-source:partner" : "severity:high")));
        }

        properties.Add(P("external_references", StixValue.Array([.. ExternalReferences()])));
        properties.Add(Markings());
        if (_values.Chance(10))
        {
            // §7.2.3: a granular marking on the description only.
            var granular = StixValue.Object([P("marking_ref", TlpMarkings[2]), P("selectors", Strings("description"))]);
            properties.Add(P("granular_markings", StixValue.Array([granular])));
        }
    }

    private IEnumerable<StixValue> ExternalReferences()
    {
        var number = _values.Next(1_000_000);
        yield return StixValue.Object([P("source_name", "cydef-feed"), P("external_id", $"IOC-{number}")]);
        if (_values.Chance(25))
        {
            // §2.5 (SHOULD): a reference with a url carries the hashes of what the url points to.
            yield return StixValue.Object(
            [
                P("source_name", "vendor-report"),
                P("description", "Vendor analysis of the campaign"),
                P("url", $"https://reports.example.org/{number}.pdf"),
                P("hashes", StixValue.Object([P("SHA-256", _values.Hex(64))])),
            ]);
        }
    }

    private IndicatorContent IndicatorContentFor(int roll) => roll switch
    {
        < 25 => AddressIndicator(_values.Ipv4()),
        < 30 => CidrIndicator(_values.Ipv4Cidr()),
        < 50 => DomainIndicator(_values.DomainName()),
        < 65 => UrlIndicator(_values.Url(_values.DomainName())),
        < 85 => FileIndicator(),
        < 93 => TrafficIndicator(_values.Ipv4()),
        _ => CompoundIndicator(_values.Ipv4(), _values.DomainName()),
    };

    private static IndicatorContent AddressIndicator(string address) =>
        new($"Malicious IPv4 address {address}", $"Connections to {address}", $"[ipv4-addr:value = '{address}']", "command-and-control");

    private static IndicatorContent CidrIndicator(string network) =>
        new($"Hostile network {network}", $"Scanning from {network}", $"[ipv4-addr:value ISSUBSET '{network}']", "reconnaissance");

    private static IndicatorContent DomainIndicator(string domain) =>
        new($"C2 domain {domain}", $"DNS look-ups of {domain}", $"[domain-name:value = '{domain}']", "command-and-control");

    private static IndicatorContent UrlIndicator(string url) =>
        new("Phishing URL", $"Visits to {url}", $"[url:value = '{url}']", "initial-access");

    private IndicatorContent FileIndicator()
    {
        var sha256 = _values.Hex(64);
        var pattern = _values.Chance(40)
            ? $"[file:hashes.MD5 = '{_values.Hex(32)}' OR file:hashes.'SHA-256' = '{sha256}']"
            : $"[file:hashes.'SHA-256' = '{sha256}']";
        return new($"Malware sample {sha256[..12]}", "A file dropped on hosts", pattern, "execution");
    }

    private static IndicatorContent TrafficIndicator(string address) =>
        new($"Beaconing to {address}:443", $"TLS sessions to {address}",
            $"[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '{address}' AND network-traffic:dst_port = 443]",
            "command-and-control");

    private static IndicatorContent CompoundIndicator(string address, string domain) =>
        new($"Resolution of {domain} to {address}", $"{domain} resolving to {address}",
            $"([domain-name:value = '{domain}'] FOLLOWEDBY [ipv4-addr:value = '{address}']) WITHIN 600 SECONDS",
            "command-and-control");
}
