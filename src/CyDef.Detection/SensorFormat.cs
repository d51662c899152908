namespace CyDef.Detection;

/// <summary>The sensor output formats the readers understand.</summary>
public enum SensorFormat
{
    /// <summary>Suricata EVE JSON, one record per line.</summary>
    Eve,
    /// <summary>Zeek logs: JSON lines or TSV with <c>#fields</c> headers (told apart line by line).</summary>
    Zeek,
    /// <summary>ArcSight Common Event Format, alone or after a syslog header.</summary>
    Cef,
}
