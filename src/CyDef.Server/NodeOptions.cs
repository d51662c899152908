namespace CyDef.Server;

/// <summary>A node's settings (configuration section <c>CyDef</c>; environment <c>CyDef__DataFolder</c>, command line <c>--CyDef:DataFolder</c>).</summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CyDef";

    /// <summary>The default data folder.</summary>
    public const string DefaultDataFolder = "./cydef-data";

    /// <summary>The default address.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The node's data folder: the SQLite store, the collection registry, the generated administrator key.</summary>
    public string DataFolder { get; set; } = DefaultDataFolder;

    /// <summary>A PostgreSQL connection string: when set, the node's store is there instead of in the data folder.</summary>
    public string? Postgres { get; set; }

    /// <summary>Whether a node whose store is empty loads the demo content at start.</summary>
    public bool LoadDemo { get; set; } = true;

    /// <summary>Where the demo content is; <c>demo/</c> beside the program when null.</summary>
    public string? DemoFolder { get; set; }

    /// <summary><c>json</c> for one JSON object per log line; anything else for readable lines.</summary>
    public string? LogFormat { get; set; }
}
