using System.Text;

namespace CyDef.Detection.Exports;

/// <summary>
/// A Suricata dataset file of one type (Suricata's "Datasets" documentation): <c>string</c> datasets (domains, URLs,
/// e-mail addresses) hold each value base64-encoded on its own line, <c>md5</c> and <c>sha256</c> ones lower-case hex,
/// <c>ipv4</c> and <c>ip</c> (IPv6) ones addresses. CIDR blocks are left out: a dataset holds single addresses. Used
/// as <c>dns.query; dataset:isset,NAME,type string,load FILE;</c>.
/// </summary>
internal sealed class SuricataDatasetWriter(TextWriter output, IndicatorValueType type) : ExportWriter(output, type)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>The dataset type Suricata is told in the rule (<c>type …</c>).</summary>
    public static string DatasetType(IndicatorValueType type) => type switch
    {
        IndicatorValueType.Ipv4 => "ipv4",
        IndicatorValueType.Ipv6 => "ip",
        IndicatorValueType.Md5 => "md5",
        IndicatorValueType.Sha256 => "sha256",
        IndicatorValueType.Sha1 => throw new ArgumentOutOfRangeException(nameof(type), "Suricata datasets have no SHA-1 type."),
        _ => "string",
    };

    private protected override bool WriteEntry(ExportEntry entry)
    {
        if (entry.IsCidr || !Supports(ExportFormat.SuricataDataset, entry.Type) || !_seen.Add(entry.Value))
        {
            return false;
        }

        Output.Write(DatasetType(entry.Type) == "string" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(entry.Value)) : entry.Value);
        Output.Write('\n');
        return true;
    }
}
