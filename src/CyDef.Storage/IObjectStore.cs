using CyDef.Stix.Json;

namespace CyDef.Storage;

/// <summary>
/// The object store of a node: every version of every STIX object, a monotonic change feed (one sequence number per
/// accepted version, assigned in the transaction that commits it, so the feed never has a gap from a crash), queries
/// shaped for TAXII 2.1, text search, and a correlation index from observable values to the objects that mention
/// them. Implemented on SQLite (<see cref="Sqlite.SqliteObjectStore"/>) and PostgreSQL
/// (<see cref="Postgres.PostgresObjectStore"/>). Safe for concurrent use; writes are serialised.
/// </summary>
public interface IObjectStore : IAsyncDisposable
{
    /// <summary>
    /// Reads STIX content of any size from <paramref name="input"/> (a bundle, a JSON array, one object or NDJSON;
    /// streamed, never held whole), validates each object and stores it, a batch per transaction. A version already
    /// stored (same id and <c>modified</c>) is a no-op counted as a duplicate, so an interrupted ingest is completed
    /// by running it again.
    /// </summary>
    /// <param name="input">UTF-8 JSON; not disposed.</param>
    /// <param name="options">Validation and batching; <see cref="IngestOptions.Default"/> when null.</param>
    /// <param name="progress">Told after each committed batch.</param>
    /// <param name="cancellationToken">Stops after the batch being written; committed batches stay.</param>
    Task<IngestReport> IngestAsync(Stream input, IngestOptions? options = null, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Validates and stores objects already in memory (a TAXII envelope, say); as <see cref="IngestAsync(Stream, IngestOptions?, IProgress{IngestProgress}?, CancellationToken)"/>.</summary>
    /// <param name="objects">The objects; their paths in the report are <c>$.objects[i]</c>.</param>
    /// <param name="options">Validation and batching.</param>
    /// <param name="cancellationToken">Stops after the batch being written.</param>
    Task<IngestReport> IngestObjectsAsync(IEnumerable<StixValue> objects, IngestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The newest version of an object, or null when the store has none.</summary>
    /// <param name="id">The object's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<StoredObject?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every version of an object, oldest first.</summary>
    /// <param name="id">The object's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<StoredObject>> GetVersionsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One page of versions matching a query, in change-feed order, with the cursor for the next page.</summary>
    /// <param name="query">Filters, cursor and limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<ObjectPage> QueryAsync(ObjectQuery query, CancellationToken cancellationToken = default);

    /// <summary>The change feed: every version accepted after <paramref name="after"/>, in order (resume from the last sequence number seen).</summary>
    /// <param name="after">The last sequence number the consumer has processed; 0 to start from the beginning.</param>
    /// <param name="limit">The most versions to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<ObjectPage> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The sequence number of the last accepted version (0 for an empty store).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Raised when versions ingested through this store object have been committed to the change feed, with the
    /// sequence number of the last of them, so that the feed's followers in this process wake at once instead of
    /// waiting for their next read. Handlers run on the ingest's writer and must return at once. Versions written by
    /// another process (<c>cydef import</c> on the data folder of a running node) are not told of: read the feed.
    /// </summary>
    event Action<long>? FeedAppended;

    /// <summary>
    /// Raised with <see cref="FeedAppended"/>, with the versions themselves, for followers of the feed in this process
    /// that would otherwise read them back (see <see cref="CommittedTail"/>). Handlers run on the ingest's writer, in
    /// sequence order, and must return at once; they must not change what they are given.
    /// </summary>
    event Action<CommittedVersions>? Committed;

    /// <summary>
    /// The deletion log: the versions deleted (<see cref="DeleteAsync"/>) after position <paramref name="after"/>, in
    /// order. A follower of the change feed that keeps state about newest versions reads it too, since a deleted
    /// version leaves the feed rather than being appended to it.
    /// </summary>
    /// <param name="after">The last position the consumer has processed; 0 for the whole log.</param>
    /// <param name="limit">The most entries to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DeletedVersion>> ReadDeletionsAsync(long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The position of the last entry of the deletion log (0 when nothing was ever deleted).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<long> GetLastDeletionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Raised when a deletion through this store object has committed, with the deletion log's last position. Handlers
    /// run on the deleting caller and must return at once. Deletions by another process are not told of: read the log.
    /// </summary>
    event Action<long>? VersionsDeleted;

    /// <summary>
    /// Waits until text search and the correlation index reflect every version accepted before the call. They are
    /// derived from the change feed by a follower, off the ingest transaction; <see cref="SearchAsync(string, int, CancellationToken)"/>,
    /// <see cref="FindObservableAsync"/> and the ingest methods wait for it themselves, so callers need this only to
    /// know that the indexes are complete (after a restart, say). Stores without derived indexes return at once.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the follower goes on).</param>
    Task WaitForIndexAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Newest versions whose names, descriptions or values contain every word of <paramref name="text"/>
    /// (words are runs of letters and digits, compared case-insensitively), most recently added first. Waits until the
    /// search index reflects every version accepted before the call (<see cref="WaitForIndexAsync"/>).
    /// </summary>
    /// <param name="text">The words to look for.</param>
    /// <param name="limit">The most results.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<StoredObject>> SearchAsync(string text, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same search, one page further back: the newest matching versions added before the version with sequence
    /// number <paramref name="before"/>, most recently added first. The index keeps its entries in the order versions
    /// were added, so a page costs its size, not the number of matches: pass the last result's sequence number to
    /// read the next page.
    /// </summary>
    /// <param name="text">The words to look for.</param>
    /// <param name="limit">The most results.</param>
    /// <param name="before">Only versions with a smaller sequence number (<see cref="long.MaxValue"/> for the newest).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<StoredObject>> SearchAsync(string text, int limit, long before, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions that mention an observable value: SCOs with that value, indicators whose patterns compare with it,
    /// observed-data objects that hold it or reference an SCO that has it. Values are compared in the index's normal
    /// form (lower case for domain names, e-mail and MAC addresses and hashes). Waits until the index reflects every
    /// version accepted before the call (<see cref="WaitForIndexAsync"/>).
    /// </summary>
    /// <param name="value">An IP address, domain name, URL, hash, e-mail address, file name…</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ObservableMatch>> FindObservableAsync(string value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes an object (STIX 2.1 §3.6): stores a new version of its newest version with <c>revoked: true</c> and a
    /// later <c>modified</c>. Returns the new version, the newest one when it was already revoked, or null when the
    /// object is unknown or not versioned.
    /// </summary>
    /// <param name="id">The object's id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<StoredObject?> RevokeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes versions of an object, an administrator's act (TAXII DELETE object): all of them, or the one with the
    /// given <c>modified</c>; the newest remaining version becomes the latest. Their sequence numbers are never reused.
    /// A tombstone of each deleted version stays: ingesting that version again rejects it (a peer or a re-run import
    /// does not bring it back); other versions of the object are still accepted.
    /// </summary>
    /// <param name="id">The object's id.</param>
    /// <param name="modified">The version to delete; null for every version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many versions were deleted.</returns>
    Task<int> DeleteAsync(string id, string? modified = null, CancellationToken cancellationToken = default);
}
