namespace CyDef.Detection.Exports;

/// <summary>The files a sensor can be given.</summary>
public enum ExportFormat
{
    /// <summary>Suricata rules (one or more per value: addresses, DNS/TLS/HTTP names, HTTP URLs).</summary>
    SuricataRules,
    /// <summary>A Suricata dataset of one type (base64 lines for string datasets, hex for digests, addresses for ip ones).</summary>
    SuricataDataset,
    /// <summary>A Zeek intelligence file (<c>#fields indicator indicator_type meta.source meta.desc</c>).</summary>
    ZeekIntel,
    /// <summary>One value per line.</summary>
    Blocklist,
}
