using System.Text.RegularExpressions;

namespace CyDef.Server.Detection;

/// <summary>How the node matches sensor events (configuration section <c>CyDef:Detection</c>).</summary>
public sealed partial class DetectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CyDef:Detection";

    /// <summary>Hits of one indicator by one sensor within one window (aligned to 1970) make one sighting. Default: one hour.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often changed sightings are written into the store (also when a batch of events ends). Default: one second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sensor log files the node follows as their sensors write them (<see cref="SensorFileFollower"/>).</summary>
    public List<SensorFileOptions> Files { get; set; } = [];

    /// <summary>The sensors that may post events; empty: any well-formed name (<see cref="IsWellFormed"/>).</summary>
    public List<string> Sensors { get; set; } = [];

    /// <summary>Whether a sensor name is well formed: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    /// <param name="name">The name.</param>
    public static bool IsWellFormed(string name) => SensorName().IsMatch(name);

    /// <summary>Whether a sensor may post: well formed and, when <see cref="Sensors"/> lists names, listed.</summary>
    /// <param name="name">The name.</param>
    public bool IsKnown(string name) => IsWellFormed(name) && (Sensors.Count == 0 || Sensors.Contains(name, StringComparer.Ordinal));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SensorName();
}
