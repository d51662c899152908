using System.Globalization;
using CyDef.Patterns;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Detection.Index;

/// <summary>
/// The STIX Observation an event stands for (allocates: built only when the compiled matcher's probe says a pattern
/// may match): the source and destination addresses and a <c>network-traffic</c> referring to them (ports,
/// protocol), domain names (resolving to the addresses a DNS answer gave), URLs, files (name and hashes), e-mail
/// addresses, an X.509 certificate and the TLS fingerprints (<c>x-cydef-tls</c>). It holds exactly the values
/// <see cref="KnownPaths"/> lists, which the exact-value fast path looks up; the tests check the two agree.
/// </summary>
internal static class EventObservation
{
    private static readonly StixValue Stub = StixValue.Object([new StixProperty("type", StixValue.String("observed-data"))]);
    private static readonly string[] Keys = [.. Enumerable.Range(0, SensorEvent.MaxValues + 8).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static Observation Build(SensorEvent e)
    {
        var objects = new List<KeyValuePair<string, StixValue>>();
        string? source = null, destination = null;
        var resolved = new List<StixValue>();
        for (var i = 0; i < e.Count; i++)
        {
            if (e.FieldAt(i) is EventField.SourceIp or EventField.DestinationIp or EventField.ResolvedIp)
            {
                var key = Keys[objects.Count];
                var value = e.StringAt(i);
                objects.Add(new(key, Sco(value.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr", ("value", StixValue.String(value)))));
                switch (e.FieldAt(i))
                {
                    case EventField.SourceIp: source = key; break;
                    case EventField.DestinationIp: destination = key; break;
                    default: resolved.Add(StixValue.String(key)); break;
                }
            }
        }

        if (source is not null || destination is not null)
        {
            objects.Add(new(Keys[objects.Count], Traffic(e, source, destination)));
        }

        AddSingles(e, objects, resolved);
        AddGrouped(e, objects, "file", Property.File);
        AddGrouped(e, objects, "x509-certificate", Property.Certificate);
        AddGrouped(e, objects, KnownPaths.TlsType, Property.Tls);
        var time = StixTimestamp.FromDateTime(new DateTime(e.Ticks, DateTimeKind.Utc), 6);
        return Observation.Create(Stub, time, time, 1, objects);
    }

    private static StixValue Traffic(SensorEvent e, string? source, string? destination)
    {
        var properties = new List<StixProperty> { new("type", StixValue.String("network-traffic")) };
        if (source is not null)
        {
            properties.Add(new("src_ref", StixValue.String(source)));
        }

        if (destination is not null)
        {
            properties.Add(new("dst_ref", StixValue.String(destination)));
        }

        if (e.SourcePort >= 0)
        {
            properties.Add(new("src_port", StixValue.Number(e.SourcePort)));
        }

        if (e.DestinationPort >= 0)
        {
            properties.Add(new("dst_port", StixValue.Number(e.DestinationPort)));
        }

        var protocols = Enumerable.Range(0, e.Count).Where(i => e.FieldAt(i) == EventField.Protocol).Select(e.StringAt).ToList();
        if (protocols.Count > 0)
        {
            properties.Add(new("protocols", StixValue.Array(protocols)));
        }

        return StixValue.Object([.. properties]);
    }

    /// <summary>Domain names, URLs and e-mail addresses: one SCO per value.</summary>
    private static void AddSingles(SensorEvent e, List<KeyValuePair<string, StixValue>> objects, List<StixValue> resolved)
    {
        for (var i = 0; i < e.Count; i++)
        {
            var type = e.FieldAt(i) switch
            {
                EventField.Domain => "domain-name",
                EventField.Url => "url",
                EventField.Email => "email-addr",
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            var sco = type == "domain-name" && resolved.Count > 0
                ? Sco(type, ("value", StixValue.String(e.StringAt(i))), ("resolves_to_refs", StixValue.Array([.. resolved])))
                : Sco(type, ("value", StixValue.String(e.StringAt(i))));
            objects.Add(new(Keys[objects.Count], sco));
        }
    }

    /// <summary>Fields of one object in record order; a field seen again starts the next object (the next file of <c>files</c>).</summary>
    private static void AddGrouped(SensorEvent e, List<KeyValuePair<string, StixValue>> objects, string type, Func<EventField, (string Name, string? Hash)?> property)
    {
        var current = new List<StixProperty>();
        var hashes = new List<StixProperty>();
        for (var i = 0; i < e.Count; i++)
        {
            if (property(e.FieldAt(i)) is not var (name, hash))
            {
                continue;
            }

            var into = hash is null ? current : hashes;
            var key = hash ?? name;
            if (into.Exists(p => p.Name == key))
            {
                Flush();
            }

            (hash is null ? current : hashes).Add(new StixProperty(key, StixValue.String(e.StringAt(i))));
        }

        Flush();

        void Flush()
        {
            if (current.Count + hashes.Count == 0)
            {
                return;
            }

            var properties = new List<StixProperty> { new("type", StixValue.String(type)) };
            properties.AddRange(current);
            if (hashes.Count > 0)
            {
                properties.Add(new StixProperty("hashes", StixValue.Object([.. hashes])));
            }

            objects.Add(new(Keys[Math.Min(objects.Count, Keys.Length - 1)], StixValue.Object([.. properties])));
            current.Clear();
            hashes.Clear();
        }
    }

    private static StixValue Sco(string type, params (string Name, StixValue Value)[] properties) =>
        StixValue.Object([new StixProperty("type", StixValue.String(type)), .. properties.Select(p => new StixProperty(p.Name, p.Value))]);

    private static class Property
    {
        public static (string, string?)? File(EventField field) => field switch
        {
            EventField.FileName => ("name", null),
            EventField.Md5 => ("hashes", "MD5"),
            EventField.Sha1 => ("hashes", "SHA-1"),
            EventField.Sha256 => ("hashes", "SHA-256"),
            _ => null,
        };

        public static (string, string?)? Certificate(EventField field) => field switch
        {
            EventField.CertificateSerial => ("serial_number", null),
            EventField.CertificateSubject => ("subject", null),
            EventField.CertificateIssuer => ("issuer", null),
            EventField.CertificateSha1 => ("hashes", "SHA-1"),
            EventField.CertificateSha256 => ("hashes", "SHA-256"),
            _ => null,
        };

        public static (string, string?)? Tls(EventField field) => field switch
        {
            EventField.Ja3 => ("ja3", null),
            EventField.Ja3s => ("ja3s", null),
            EventField.Ja4 => ("ja4", null),
            _ => null,
        };
    }
}
