using System.Globalization;

namespace CyDef.Benchmarks.Generation;

/// <summary>
/// The values a threat-intelligence feed carries (addresses, domain names, URLs, hashes, UUIDs, timestamps),
/// drawn from a seeded <see cref="Random"/> so that the same seed always gives the same feed.
/// </summary>
internal sealed class RandomValues(int seed)
{
    private static readonly string[] TopLevelDomains = ["com", "net", "org", "info", "io", "ru", "cn", "xyz", "top", "biz", "de", "co.uk"];
    private static readonly string[] Syllables = ["ka", "lo", "mi", "net", "sec", "up", "date", "cdn", "mail", "soft", "zon", "tra", "vex", "qu", "is", "dor", "pay", "log", "in", "bit"];
    private static readonly string[] PathWords = ["login", "update", "invoice", "gate", "admin", "wp-content", "download", "api", "cmd", "panel", "files", "doc"];
    private static readonly string[] Extensions = ["exe", "dll", "docm", "xlsm", "js", "ps1", "zip", "lnk", "hta", "bin"];
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Random _random = new(seed);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    /// <summary>True with probability <paramref name="percent"/> / 100.</summary>
    public bool Chance(int percent) => _random.Next(100) < percent;

    public T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    /// <summary>An RFC 4122 version 4 UUID (§2.9: SDO ids), from the seeded generator.</summary>
    public string UuidV4()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>A public-looking IPv4 address (first octet 1–223, never 0, 10, 127).</summary>
    public string Ipv4()
    {
        var first = _random.Next(11, 224);
        if (first == 127)
        {
            first = 128;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{first}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}");
    }

    /// <summary>An IPv4 network in CIDR notation (§6.8), e.g. <c>185.22.41.0/24</c>.</summary>
    public string Ipv4Cidr()
    {
        var address = Ipv4();
        return string.Concat(address.AsSpan(0, address.LastIndexOf('.')), ".0/24");
    }

    public string DomainName()
    {
        var labels = _random.Next(100) < 30 ? Label() + "." + Label() : Label();
        return $"{labels}.{Pick(TopLevelDomains)}";
    }

    public string Url(string host) =>
        string.Create(CultureInfo.InvariantCulture, $"{(Chance(70) ? "https" : "http")}://{host}/{Pick(PathWords)}/{Pick(PathWords)}.php?id={_random.Next(1_000_000)}");

    public string FileName() => string.Create(CultureInfo.InvariantCulture, $"{Pick(PathWords)}_{_random.Next(100_000)}.{Pick(Extensions)}");

    /// <summary><paramref name="digits"/> lower-case hexadecimal digits (MD5 32, SHA-1 40, SHA-256 64).</summary>
    public string Hex(int digits)
    {
        Span<byte> bytes = stackalloc byte[digits / 2];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>A UTC instant in 2024–2025, to the millisecond.</summary>
    public DateTime Instant() => Epoch.AddMilliseconds(_random.NextInt64(2L * 365 * 24 * 3600 * 1000));

    /// <summary>STIX 2.1 §3.2 timestamp text, millisecond precision: <c>2024-05-01T12:34:56.789Z</c>.</summary>
    public static string Timestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private string Label()
    {
        var count = _random.Next(2, 5);
        var label = "";
        for (var i = 0; i < count; i++)
        {
            label += Pick(Syllables);
        }

        return _random.Next(100) < 25 ? label + _random.Next(10, 99).ToString(CultureInfo.InvariantCulture) : label;
    }
}
