using System.Globalization;
using CyDef.Patterns;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Patterns;

/// <summary>
/// Generated indicator patterns and a stream of observations for the <c>patterns</c> load tool. Single patterns
/// test one equality or CIDR containment on a common path (ipv4, domain, URL, SHA-256, e-mail, network-traffic
/// reference); compound ones join comparisons with AND/OR, use LIKE, MATCHES and IN, span two observations, or carry
/// qualifiers. Observations carry values that no pattern names, except a chosen share that one pattern does.
/// </summary>
internal sealed class PatternWorkload(int seed)
{
    private readonly Random _random = new(seed);

    public static string Ip(int n) => $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";

    public static string Domain(int n) => $"host{n}.bad{n % 997}.example";

    public static string Url(int n) => $"http://bad{n}.example/path/{n}";

    public static string Sha256(int n) => Convert.ToHexStringLower(BitConverter.GetBytes((long)n * 2654435761L)).PadLeft(64, 'a');

    public static string Email(int n) => $"user{n}@bad{n % 991}.example";

    /// <summary>Pattern number <paramref name="n"/> of a set with the given share of compound patterns.</summary>
    public string Pattern(int n, double compoundShare) =>
        _random.NextDouble() < compoundShare ? Compound(n) : Single(n);

    private string Single(int n) => (n % 7) switch
    {
        0 => $"[ipv4-addr:value = '{Ip(n)}']",
        1 => $"[ipv4-addr:value ISSUBSET '{Ip(n & ~255)}/24']",
        2 => $"[domain-name:value = '{Domain(n)}']",
        3 => $"[url:value = '{Url(n)}']",
        4 => $"[file:hashes.'SHA-256' = '{Sha256(n)}']",
        5 => $"[email-addr:value = '{Email(n)}']",
        _ => $"[network-traffic:dst_ref.value = '{Ip(n)}']",
    };

    private string Compound(int n) => (n % 8) switch
    {
        0 => $"[domain-name:value LIKE '%.bad{n}.example' OR domain-name:value = '{Domain(n)}']",
        1 => $"[url:value LIKE 'http://bad{n}.example/%' AND url:value NOT LIKE '%.png']",
        2 => $"[file:hashes.'SHA-256' = '{Sha256(n)}' AND file:size > 1024] REPEATS 2 TIMES WITHIN 600 SECONDS",
        3 => $"[ipv4-addr:value = '{Ip(n)}'] FOLLOWEDBY [domain-name:value = '{Domain(n)}'] WITHIN 300 SECONDS",
        4 => $"[network-traffic:dst_ref.value ISSUBSET '{Ip(n & ~255)}/24' AND network-traffic:dst_port IN (443, 8443)]",
        5 => $"[email-addr:value IN ('{Email(n)}', '{Email(n + 1)}')] START t'2024-01-01T00:00:00Z' STOP t'2030-01-01T00:00:00Z'",
        6 => n % 40 == 6 ? $"[email-addr:value MATCHES '^user[0-9]+@bad{n}\\\\.example$']" : $"[email-addr:value LIKE 'user{n}@%']",
        _ => $"([ipv4-addr:value = '{Ip(n)}'] AND [url:value = '{Url(n)}']) WITHIN 60 SECONDS",
    };

    /// <summary>
    /// An observation: one SCO (two for network traffic) of the kind <paramref name="kind"/>, named by number
    /// <paramref name="n"/> (a number some pattern names for a hit, one no pattern names otherwise).
    /// </summary>
    public static Observation Observation(int kind, int n)
    {
        var time = StixTimestamp.Parse("2024-06-01T00:00:00Z");
        var objects = (kind % 7) switch
        {
            0 or 1 => [Sco("0", "ipv4-addr", ("value", Ip(n)))],
            2 => [Sco("0", "domain-name", ("value", Domain(n)))],
            3 => [Sco("0", "url", ("value", Url(n)))],
            4 => [new("0", StixValue.Object([new("type", StixValue.String("file")), new("size", StixValue.Number(2048L)),
                new("hashes", StixValue.Object([new("SHA-256", StixValue.String(Sha256(n)))]))]))],
            5 => [Sco("0", "email-addr", ("value", Email(n)))],
            _ => new KeyValuePair<string, StixValue>[]
            {
                new("0", StixValue.Object([new("type", StixValue.String("network-traffic")), new("dst_ref", StixValue.String("1")),
                    new("dst_port", StixValue.Number(443L)), new("protocols", StixValue.Array(["tcp"]))])),
                Sco("1", "ipv4-addr", ("value", Ip(n))),
            },
        };
        return CyDef.Patterns.Observation.Create(StixValue.Object([new("type", StixValue.String("observed-data"))]), time, time, 1, objects);
    }

    private static KeyValuePair<string, StixValue> Sco(string key, string type, (string Name, string Value) property) =>
        new(key, StixValue.Object([new("type", StixValue.String(type)), new(property.Name, StixValue.String(property.Value))]));

    /// <summary>A stream of observations of which <paramref name="hitShare"/> name a pattern's value.</summary>
    public List<Observation> Stream(int count, int patternCount, double hitShare)
    {
        var stream = new List<Observation>(count);
        for (var i = 0; i < count; i++)
        {
            var hit = _random.NextDouble() < hitShare;
            var n = hit ? _random.Next(patternCount) : patternCount + 1_000_000 + _random.Next(1 << 22);
            stream.Add(Observation(hit ? n : _random.Next(7), n));
        }

        return stream;
    }

    public static string Format(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
}
