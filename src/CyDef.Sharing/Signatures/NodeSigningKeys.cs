using CyDef.Sharing.Signatures.Internal;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// A node's signing keys in its data folder (<c>keys/</c>): one file per key, readable by the node's user only,
/// written whole to a temporary file and renamed. The first use generates a key; <see cref="Rotate"/> makes a new
/// key current and retires the old one, which is kept so that what it signed still verifies. Thread-safe; a
/// rotation by another process (<c>cydef keys rotate</c>) is picked up within a second.
/// </summary>
public sealed class NodeSigningKeys
{
    /// <summary>The folder under the data folder that holds the keys.</summary>
    public const string FolderName = "keys";

    private const string KeySuffix = ".key.json";
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private volatile IReadOnlyList<SigningKey> _keys = [];
    private DateTime _folderWritten;
    private DateTimeOffset _checked;

    private NodeSigningKeys(string folder, TimeProvider time)
    {
        Folder = folder;
        _time = time;
    }

    /// <summary>The folder of the key files.</summary>
    public string Folder { get; }

    /// <summary>Every key, oldest first: retired keys and the current one.</summary>
    public IReadOnlyList<SigningKey> All
    {
        get
        {
            ReloadIfChanged();
            return _keys;
        }
    }

    /// <summary>The key new signatures are made with.</summary>
    public SigningKey Current => All.Where(k => k.Retired is null).MaxBy(k => k.Created)
        ?? throw new InvalidOperationException($"{Folder} holds no current signing key");

    /// <summary>Opens the keys of a data folder, generating the first key when there is none.</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="time">The clock (tests give their own).</param>
    /// <exception cref="InvalidDataException">A key file cannot be read or does not hold the key its name says.</exception>
    public static NodeSigningKeys Open(string dataFolder, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        var keys = new NodeSigningKeys(Path.Combine(Path.GetFullPath(dataFolder), FolderName), time ?? TimeProvider.System);
        keys.CreateFolder();
        using (keys.FileLock())
        {
            keys.Load();
            if (!keys._keys.Any(k => k.Retired is null))
            {
                keys.Write(SigningKey.Generate(keys.Now()));
                keys.Load();
            }
        }

        return keys;
    }

    /// <summary>Makes a new key current and retires the current one (kept, with its retirement time).</summary>
    /// <returns>The new current key.</returns>
    public SigningKey Rotate()
    {
        using (FileLock())
        {
            Load();
            var now = Now();
            var current = _keys.Where(k => k.Retired is null).MaxBy(k => k.Created);
            var next = SigningKey.Generate(now);
            // The current key vouches for its successor, so that peers that trust it can follow the rotation.
            next = current is null ? next : next.EndorsedBy(current);
            // The new key first: a crash between the two writes leaves two current keys, and the newest is used.
            Write(next);
            foreach (var key in _keys.Where(k => k.Retired is null))
            {
                Write(key.WithRetired(now));
            }

            Load();
            return next;
        }
    }

    /// <summary>The public halves of every key, to give to peers.</summary>
    /// <param name="node">Who signs with them: the node's organisation identity id or name.</param>
    public TrustRecord PublicRecord(string node) => new(node, All.Select(k => k.Public).ToList());

    private DateTimeOffset Now() => Times.Truncate(_time.GetUtcNow());

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private void ReloadIfChanged()
    {
        var now = _time.GetUtcNow();
        if (now - _checked < ReloadInterval && _keys.Count > 0)
        {
            return;
        }

        lock (_lock)
        {
            _checked = now;
            if (Directory.GetLastWriteTimeUtc(Folder) != _folderWritten)
            {
                Load();
            }
        }
    }

    private void Load()
    {
        lock (_lock)
        {
            _folderWritten = Directory.GetLastWriteTimeUtc(Folder);
            _keys = Directory.GetFiles(Folder, "*" + KeySuffix).Select(ReadKey).OrderBy(k => k.Created).ToList();
        }
    }

    private static SigningKey ReadKey(string path)
    {
        var read = StixJsonReader.Parse(File.ReadAllBytes(path));
        var value = read.Value;
        try
        {
            if (value is null || !Times.TryParse(value["created"]?.AsString(), out var created))
            {
                throw new FormatException("no 'created' time");
            }

            DateTimeOffset? retired = Times.TryParse(value["retired"]?.AsString(), out var time) ? time : null;
            if (!KeyEndorsement.TryRead(value, out var endorsement))
            {
                throw new FormatException("its endorsement is not well formed");
            }

            var key = SigningKey.FromSeeds(
                Convert.FromBase64String(value["ed25519_seed"]?.AsString() ?? ""),
                Convert.FromBase64String(value["ml_dsa_65_seed"]?.AsString() ?? ""),
                created,
                retired,
                endorsement);
            if (Path.GetFileName(path) != key.KeyId + KeySuffix || value["key_id"]?.AsString() != key.KeyId)
            {
                throw new FormatException($"it holds key {key.KeyId}, not the key its name says");
            }

            return key;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a CyDef signing key: {e.Message}", e);
        }
    }

    private void Write(SigningKey key)
    {
        var properties = new List<StixProperty>
        {
            new("key_id", StixValue.String(key.KeyId)),
            new("created", StixValue.String(Times.Format(key.Created))),
        };
        if (key.Retired is { } retired)
        {
            properties.Add(new("retired", StixValue.String(Times.Format(retired))));
        }

        properties.AddRange(key.Public.Endorsement?.ToProperties() ?? []);
        properties.Add(new("ed25519_seed", StixValue.String(Convert.ToBase64String(key.Ed25519Seed))));
        properties.Add(new("ml_dsa_65_seed", StixValue.String(Convert.ToBase64String(key.MLDsaSeed))));
        WritePrivate(Path.Combine(Folder, key.KeyId + KeySuffix), StixJsonWriter.ToUtf8Bytes(StixValue.Object([.. properties]), indented: true));
    }

    /// <summary>Writes a file readable by its owner only: whole to a temporary file, flushed to disk, then renamed.</summary>
    private static void WritePrivate(string path, byte[] content)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Holds <c>keys/.lock</c> so that two processes never generate or rotate at once.</summary>
    private FileStream FileLock()
    {
        var path = Path.Combine(Folder, ".lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50);
            }
        }
    }
}
