using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Taxii.Tests;

/// <summary>A real store whose ingest of objects waits for a gate: a slow store, made deterministic.</summary>
internal sealed class GatedStore(IObjectStore inner, Task gate) : IObjectStore
{
    public event Action<long>? FeedAppended
    {
        add => inner.FeedAppended += value;
        remove => inner.FeedAppended -= value;
    }

    public event Action<CommittedVersions>? Committed
    {
        add => inner.Committed += value;
        remove => inner.Committed -= value;
    }

    public async Task<IngestReport> IngestObjectsAsync(IEnumerable<StixValue> objects, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        return await inner.IngestObjectsAsync(objects, options, cancellationToken);
    }

    public Task<IngestReport> IngestAsync(Stream input, IngestOptions? options = null, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) => inner.IngestAsync(input, options, progress, cancellationToken);

    public Task<StoredObject?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<StoredObject>> GetVersionsAsync(string id, CancellationToken cancellationToken = default) => inner.GetVersionsAsync(id, cancellationToken);

    public Task<ObjectPage> QueryAsync(ObjectQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public Task<ObjectPage> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken = default) => inner.ReadChangesAsync(after, limit, cancellationToken);

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => inner.GetLastSequenceAsync(cancellationToken);

    public event Action<long>? VersionsDeleted
    {
        add => inner.VersionsDeleted += value;
        remove => inner.VersionsDeleted -= value;
    }

    public Task<IReadOnlyList<DeletedVersion>> ReadDeletionsAsync(long after, int limit, CancellationToken cancellationToken = default) => inner.ReadDeletionsAsync(after, limit, cancellationToken);

    public Task<long> GetLastDeletionAsync(CancellationToken cancellationToken = default) => inner.GetLastDeletionAsync(cancellationToken);

    public Task<IReadOnlyList<StoredObject>> SearchAsync(string text, int limit = 100, CancellationToken cancellationToken = default) => inner.SearchAsync(text, limit, cancellationToken);

    public Task<IReadOnlyList<StoredObject>> SearchAsync(string text, int limit, long before, CancellationToken cancellationToken = default) => inner.SearchAsync(text, limit, before, cancellationToken);

    public Task<IReadOnlyList<ObservableMatch>> FindObservableAsync(string value, CancellationToken cancellationToken = default) => inner.FindObservableAsync(value, cancellationToken);

    public Task<StoredObject?> RevokeAsync(string id, CancellationToken cancellationToken = default) => inner.RevokeAsync(id, cancellationToken);

    public Task<int> DeleteAsync(string id, string? modified = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, modified, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
