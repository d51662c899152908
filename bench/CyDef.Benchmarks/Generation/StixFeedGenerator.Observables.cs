using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Generation;

internal sealed partial class StixFeedGenerator
{
    private static readonly int[] ServerPorts = [80, 443, 443, 443, 53, 22, 445, 3389, 8080, 4444];
    private static readonly string[] MediaTypes = ["application/x-msdownload", "application/zip", "application/vnd.ms-word.document.macroEnabled.12", "text/javascript"];

    // §6.8
    private StixValue Ipv4Address()
    {
        var value = _values.Chance(10) ? _values.Ipv4Cidr() : _values.Ipv4();
        var address = Observable("ipv4-addr", [P("value", value)], marked: _values.Chance(30));
        Remember(address);
        return address;
    }

    // §6.4
    private StixValue DomainName()
    {
        List<StixProperty> properties = [P("value", _values.DomainName())];
        if (_values.Chance(30))
        {
            properties.Add(P("resolves_to_refs", Strings(RecentAddress())));
        }

        return Observable("domain-name", properties, marked: _values.Chance(30));
    }

    // §6.15
    private StixValue Url() => Observable("url", [P("value", _values.Url(_values.DomainName()))], marked: _values.Chance(30));

    // §6.7: hashes (MD5, SHA-1, SHA-256 from hash-algorithm-ov), name, size and media type.
    private StixValue File()
    {
        List<StixProperty> hashes = [P("SHA-256", _values.Hex(64))];
        if (_values.Chance(60))
        {
            hashes.Insert(0, P("SHA-1", _values.Hex(40)));
            hashes.Insert(0, P("MD5", _values.Hex(32)));
        }

        List<StixProperty> properties =
        [
            P("hashes", StixValue.Object([.. hashes])),
            P("size", _values.Next(1_024, 8_000_000)),
            P("name", _values.FileName()),
        ];
        if (_values.Chance(50))
        {
            properties.Add(P("mime_type", _values.Pick(MediaTypes)));
        }

        return Observable("file", properties, marked: _values.Chance(30));
    }

    // §6.12: a connection between two recent addresses; an active one has no end (§6.12).
    private StixValue NetworkTraffic()
    {
        var start = _values.Instant();
        var port = _values.Pick(ServerPorts);
        var active = _values.Chance(20);
        List<StixProperty> properties = [P("start", RandomValues.Timestamp(start))];
        if (!active)
        {
            properties.Add(P("end", RandomValues.Timestamp(start.AddSeconds(_values.Next(1, 3_600)))));
        }

        properties.AddRange(
        [
            P("is_active", StixValue.Boolean(active)),
            P("src_ref", RecentAddress()),
            P("dst_ref", RecentAddress()),
            P("src_port", _values.Next(1_024, 65_536)),
            P("dst_port", port),
            P("protocols", port == 53 ? Strings("ipv4", "udp", "dns") : Strings("ipv4", "tcp", port is 80 or 8080 ? "http" : "ssl")),
            P("src_byte_count", _values.Next(100, 5_000_000)),
            P("dst_byte_count", _values.Next(100, 50_000_000)),
            P("src_packets", _values.Next(1, 10_000)),
            P("dst_packets", _values.Next(1, 40_000)),
        ]);
        return Observable("network-traffic", properties, marked: _values.Chance(30));
    }

    /// <summary>An SCO: type, spec_version and the deterministic id of §2.9 first, then its own properties.</summary>
    private StixValue Observable(string type, List<StixProperty> own, bool marked)
    {
        own.InsertRange(0, [P("type", type), P("spec_version", "2.1")]);
        var id = DeterministicId.ForObservable(StixValue.Object([.. own])) ?? $"{type}--{_values.UuidV4()}";
        own.Insert(2, P("id", id));
        if (marked)
        {
            own.Add(Markings());
        }

        return StixValue.Object([.. own]);
    }

    private void Remember(StixValue address) =>
        _recentAddresses[_addressCount++ % _recentAddresses.Length] = address["id"]!.GetString();

    /// <summary>The id of an ipv4-addr generated recently (or of a fresh one, before any was).</summary>
    private string RecentAddress() => _addressCount == 0
        ? DeterministicId.ForObservable(StixValue.Object([P("type", "ipv4-addr"), P("value", _values.Ipv4())]))!
        : _recentAddresses[_values.Next(Math.Min(_addressCount, _recentAddresses.Length))];
}
