using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

// Addresses, names and traffic: §6.2, §6.4, §6.8–§6.10, §6.12, §6.15.
internal static partial class CyberObservables
{
    // §6.2
    private static ObjectSpec AutonomousSystem() => new("autonomous-system", StixCategory.CyberObservable, "6.2",
    [
        .. CommonProperties.CyberObservable("autonomous-system"),
        Int("number").AsRequired(),
        Str("name"),
        Str("rir"),
    ])
    {
        IdContributingProperties = ["number"],
    };

    // §6.4
    private static ObjectSpec DomainName() => new("domain-name", StixCategory.CyberObservable, "6.4",
    [
        .. CommonProperties.CyberObservable("domain-name"),
        Str("value").AsRequired(),
        Refs("resolves_to_refs", "ipv4-addr", "ipv6-addr", "domain-name"),
    ])
    {
        IdContributingProperties = ["value"],
        Rules = [ObservableRules.DomainNameValue],
    };

    // §6.8
    private static ObjectSpec Ipv4Address() => new("ipv4-addr", StixCategory.CyberObservable, "6.8",
    [
        .. CommonProperties.CyberObservable("ipv4-addr"),
        Str("value").AsRequired(),
        Refs("resolves_to_refs", "mac-addr"),
        Refs("belongs_to_refs", "autonomous-system"),
    ])
    {
        IdContributingProperties = ["value"],
        Rules = [ObservableRules.Ipv4Value],
    };

    // §6.9
    private static ObjectSpec Ipv6Address() => new("ipv6-addr", StixCategory.CyberObservable, "6.9",
    [
        .. CommonProperties.CyberObservable("ipv6-addr"),
        Str("value").AsRequired(),
        Refs("resolves_to_refs", "mac-addr"),
        Refs("belongs_to_refs", "autonomous-system"),
    ])
    {
        IdContributingProperties = ["value"],
        Rules = [ObservableRules.Ipv6Value],
    };

    // §6.10
    private static ObjectSpec MacAddress() => new("mac-addr", StixCategory.CyberObservable, "6.10",
    [
        .. CommonProperties.CyberObservable("mac-addr"),
        Str("value").AsRequired(),
    ])
    {
        IdContributingProperties = ["value"],
        Rules = [ObservableRules.MacAddressValue],
    };

    // §6.12. Byte and packet counts are "positive integers" in the text; like python-stix2, 0 is allowed.
    private static ObjectSpec NetworkTraffic() => new("network-traffic", StixCategory.CyberObservable, "6.12",
    [
        .. CommonProperties.CyberObservable("network-traffic"),
        Time("start"),
        Time("end"),
        Bool("is_active"),
        Ref("src_ref", "ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
        Ref("dst_ref", "ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
        Int("src_port", 0, 65535),
        Int("dst_port", 0, 65535),
        StrList("protocols").AsRequired(),
        Int("src_byte_count", 0),
        Int("dst_byte_count", 0),
        Int("src_packets", 0),
        Int("dst_packets", 0),
        Dict("ipfix"),
        Ref("src_payload_ref", "artifact"),
        Ref("dst_payload_ref", "artifact"),
        Refs("encapsulates_refs", "network-traffic"),
        Ref("encapsulated_by_ref", "network-traffic"),
    ])
    {
        IdContributingProperties = ["start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"],
        Rules =
        [
            ObservableRules.TrafficSourceOrDestination,
            ObservableRules.TrafficEndNotBeforeStart,
            ObservableRules.TrafficActiveHasNoEnd,
            ObservableRules.IpfixValues,
        ],
    };

    // §6.15: the value MUST conform to RFC 3986.
    private static ObjectSpec Url() => new("url", StixCategory.CyberObservable, "6.15",
    [
        .. CommonProperties.CyberObservable("url"),
        Str("value", StringFormat.Url).AsRequired(),
    ])
    {
        IdContributingProperties = ["value"],
    };
}
