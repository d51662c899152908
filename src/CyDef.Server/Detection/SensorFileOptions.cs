namespace CyDef.Server.Detection;

/// <summary>A sensor log file the node follows (<c>CyDef:Detection:Files:N</c>), as a sensor would post it.</summary>
public sealed class SensorFileOptions
{
    /// <summary>The file the sensor writes (Suricata's <c>eve.json</c>, a Zeek log, a CEF log); it may not exist yet.</summary>
    public string Path { get; set; } = "";

    /// <summary>The sensor whose sightings its hits make (a well-formed sensor name).</summary>
    public string Sensor { get; set; } = "";

    /// <summary>What the file holds: <c>eve</c> (default), <c>zeek</c> or <c>cef</c>.</summary>
    public string Format { get; set; } = "eve";
}
