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

        PeerState? state;
        try
        {
            state = JsonSerializer.Deserialize(File.ReadAllBytes(path), PeerStateJson.Default.PeerState);
        }
        catch (JsonException)
        {
            state = null; // unreadable (a power loss before the file reached the disk): start over — idempotent ingest makes that safe
        }

        return state is not null && state.Mode == mode ? state with { Name = peer } : new PeerState { Name = peer, Mode = mode };
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
    /// Writes a state whole to a temporary file, then renames it over the old one: a process crash at any moment
    /// leaves the old state or the new one, never half of either. It is not flushed to disk (one fsync less per page):
    /// the store commits a page durably before its cursor is written, so after a power loss the cursor can only be
    /// older than the data — or unreadable, which <see cref="Load"/> takes as a fresh start — and the next pull
    /// repeats pages as duplicates, never skips one.
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
