using System.Collections.Concurrent;
using System.Text.Json;
using CyDef.Storage;
using CyDef.Storage.Sqlite;

namespace CyDef.Taxii.Server;

/// <summary>
/// The node's API Roots and collections, kept in <see cref="FileName"/> in the data folder, and the object store
/// behind each collection. The default collection is the node's own store; any other collection has a store of its
/// own under <c>collections/{id}/</c>, because TAXII's <c>date_added</c> is when <em>that collection</em> added a
/// version (§3.3) and each collection pages on its own change feed.
/// </summary>
/// <remarks>
/// The registry is a small JSON file rather than a table of the store: it is the node's configuration, read at
/// start, changed rarely by an administrator, and the same whichever engine holds the objects.
/// </remarks>
public sealed class CollectionRegistry : IAsyncDisposable
{
    /// <summary>The registry's file in the data folder.</summary>
    public const string FileName = "taxii-collections.json";

    /// <summary>The name of the API Root a fresh node creates.</summary>
    public const string DefaultApiRootName = "cydef";

    /// <summary>The alias of the collection a fresh node creates.</summary>
    public const string DefaultCollectionAlias = "default";

    private readonly string _dataFolder;
    private readonly IObjectStore _nodeStore;
    private readonly Func<string, CancellationToken, Task<IObjectStore>> _openStore;
    private readonly ConcurrentDictionary<string, Lazy<Task<IObjectStore>>> _stores = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private RegistryFile _file;

    private CollectionRegistry(string dataFolder, IObjectStore nodeStore, Func<string, CancellationToken, Task<IObjectStore>> openStore, RegistryFile file)
    {
        _dataFolder = dataFolder;
        _nodeStore = nodeStore;
        _openStore = openStore;
        _file = file;
    }

    /// <summary>The API Roots.</summary>
    public IReadOnlyList<ApiRootRecord> ApiRoots => _file.ApiRoots;

    /// <summary>The name of the default API Root (TAXII discovery's <c>default</c>).</summary>
    public string DefaultApiRoot => _file.DefaultApiRoot;

    /// <summary>
    /// Opens the registry of <paramref name="dataFolder"/>; a fresh node gets the API Root
    /// <see cref="DefaultApiRootName"/> with one read-write collection (alias <see cref="DefaultCollectionAlias"/>)
    /// over <paramref name="nodeStore"/>.
    /// </summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="nodeStore">The node's object store; not disposed by the registry.</param>
    /// <param name="openStore">Opens the store of another collection in a folder; SQLite when null.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<CollectionRegistry> OpenAsync(string dataFolder, IObjectStore nodeStore, Func<string, CancellationToken, Task<IObjectStore>>? openStore = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentNullException.ThrowIfNull(nodeStore);
        openStore ??= static async (folder, token) => await SqliteObjectStore.OpenAsync(folder, token).ConfigureAwait(false);
        var path = Path.Combine(dataFolder, FileName);
        RegistryFile file;
        if (File.Exists(path))
        {
            await using var stream = File.OpenRead(path);
            file = await JsonSerializer.DeserializeAsync(stream, RegistryJsonContext.Default.RegistryFile, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path} holds no registry");
        }
        else
        {
            file = Fresh();
        }

        var registry = new CollectionRegistry(dataFolder, nodeStore, openStore, file);
        if (!File.Exists(path))
        {
            await registry.SaveAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return registry;
    }

    /// <summary>The API Root served at <c>/{name}/</c>, or null.</summary>
    /// <param name="name">The URL path segment.</param>
    public ApiRootRecord? FindApiRoot(string name)
    {
        foreach (var root in _file.ApiRoots)
        {
            if (root.Name == name)
            {
                return root;
            }
        }

        return null;
    }

    /// <summary>The object store that holds a collection's objects.</summary>
    /// <param name="collection">A collection of this registry.</param>
    /// <param name="cancellationToken">Cancels opening the store.</param>
    public Task<IObjectStore> GetStoreAsync(CollectionRecord collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (collection.NodeStore)
        {
            return Task.FromResult(_nodeStore);
        }

        var folder = Path.Combine(_dataFolder, "collections", collection.Id);
        var lazy = _stores.GetOrAdd(collection.Id, _ => new Lazy<Task<IObjectStore>>(() => _openStore(folder, CancellationToken.None)));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Adds an API Root, or replaces the one with the same name, and saves the registry.</summary>
    /// <param name="root">The API Root with its collections.</param>
    /// <param name="makeDefault">Whether it becomes discovery's default.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public async Task PutApiRootAsync(ApiRootRecord root, bool makeDefault = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var roots = _file.ApiRoots.Where(r => r.Name != root.Name).Append(root).ToList();
            var file = new RegistryFile(makeDefault ? root.Name : _file.DefaultApiRoot, roots);
            await SaveAsync(file, cancellationToken).ConfigureAwait(false);
            _file = file;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _stores.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        _stores.Clear();
        _writeLock.Dispose();
    }

    private static RegistryFile Fresh() => new(DefaultApiRootName,
    [
        new ApiRootRecord
        {
            Name = DefaultApiRootName,
            Title = "CyDef node",
            Description = "The node's STIX 2.1 content over TAXII 2.1.",
            Collections =
            [
                new CollectionRecord
                {
                    Id = Guid.NewGuid().ToString(),
                    Alias = DefaultCollectionAlias,
                    Title = "Default collection",
                    Description = "Everything this node holds.",
                    NodeStore = true,
                },
            ],
        },
    ]);

    // Written whole to a temporary file, then renamed over the old one: a crash leaves one or the other, never half.
    private async Task SaveAsync(RegistryFile file, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_dataFolder);
        var path = Path.Combine(_dataFolder, FileName);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(stream, file, RegistryJsonContext.Default.RegistryFile, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
