using System.Text.Json;
using System.Text.Json.Serialization;

namespace CyDef.Federation;

/// <summary>Reads and writes peers' <see cref="PeerState"/> files in <c>{data}/federation/</c>.</summary>
public static class PeerStateFile
{
    /// <summary>The folder of the state files of a data folder.</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    public static string Folder(string dataFolder) => Path.Combine(dataFolder, FederationPaths.StateFolder);

    /// <summary>The state of a peer, or a fresh one when it has none yet.</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="peer">The peer's name.</param>
    /// <param name="mode">Pull or push (a state of the other mode is not reused: it is another cursor).</param>
    public static PeerState Load(string dataFolder, string peer, PeerMode mode)
    {
        var path = PathOf(dataFolder, peer);
        if (!File.Exists(path))
        {
            return new PeerState { Name = peer, Mode = mode };
        }

        var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), PeerStateJson.Default.PeerState) ?? new PeerState();
        return state.Mode == mode ? state with { Name = peer } : new PeerState { Name = peer, Mode = mode };
    }

    /// <summary>Every state file of a data folder (for <c>cydef peers</c> when the node is not running).</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    public static IReadOnlyList<PeerState> LoadAll(string dataFolder)
    {
        var folder = Folder(dataFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize(File.ReadAllBytes(f), PeerStateJson.Default.PeerState))
            .OfType<PeerState>().ToList();
    }

    /// <summary>
    /// Writes a state whole to a temporary file, flushed to disk, then renamed over the old one: a crash at any
    /// moment leaves the old state or the new one, never half of either.
    /// </summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="state">The state.</param>
    public static void Save(string dataFolder, PeerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var path = PathOf(dataFolder, state.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            JsonSerializer.Serialize(stream, state, PeerStateJson.Default.PeerState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string PathOf(string dataFolder, string peer) => Path.Combine(Folder(dataFolder), peer + ".json");
}

/// <summary>The JSON of <see cref="PeerState"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PeerState))]
[JsonSerializable(typeof(PeerStatus))]
[JsonSerializable(typeof(List<PeerStatus>))]
internal sealed partial class PeerStateJson : JsonSerializerContext;
