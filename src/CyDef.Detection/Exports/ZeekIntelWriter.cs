namespace CyDef.Detection.Exports;

/// <summary>
/// A Zeek intelligence file for the Intel framework (<c>Intel::read_files</c>): a <c>#fields</c> header, then one
/// tab-separated line per value: the value, its <c>Intel::Type</c> (ADDR, SUBNET, DOMAIN, URL — without its scheme,
/// as Zeek sees URLs —, EMAIL, FILE_HASH), <c>meta.source</c> (CyDef and the indicator's id) and <c>meta.desc</c> (its
/// name, tabs and line breaks made spaces; <c>-</c> when it has none).
/// </summary>
internal sealed class ZeekIntelWriter(TextWriter output, IndicatorValueType? type) : ExportWriter(output, type)
{
    private readonly HashSet<(string, string)> _seen = [];

    public override void Start() => Output.Write("#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n");

    private protected override bool WriteEntry(ExportEntry entry)
    {
        var (value, intelType) = entry.Type switch
        {
            IndicatorValueType.Ipv4 or IndicatorValueType.Ipv6 => (entry.Value, entry.IsCidr ? "Intel::SUBNET" : "Intel::ADDR"),
            IndicatorValueType.Domain => (entry.Value, "Intel::DOMAIN"),
            IndicatorValueType.Url => (WithoutScheme(entry.Value), "Intel::URL"),
            IndicatorValueType.Email => (entry.Value, "Intel::EMAIL"),
            _ => (entry.Value, "Intel::FILE_HASH"),
        };
        if (value.Length == 0 || !_seen.Add((value, entry.IndicatorId)))
        {
            return false;
        }

        Output.Write($"{value}\t{intelType}\tCyDef {entry.IndicatorId}\t{Description(entry.Name)}\n");
        return true;
    }

    private static string WithoutScheme(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return scheme < 0 ? url : url[(scheme + 3)..];
    }

    private static string Description(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "-";
        }

        var clean = string.Concat(name.Select(c => char.IsControl(c) ? ' ' : c)).Trim();
        return clean.Length == 0 ? "-" : clean;
    }
}
