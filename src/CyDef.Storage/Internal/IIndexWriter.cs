namespace CyDef.Storage.Internal;

/// <summary>
/// An engine's derived indexes (text search, correlation values), filled by <see cref="IndexFollower"/> from the
/// change feed. Each write records, in the same transaction, the sequence number the indexes reflect (the cursor), so
/// a crash loses no more than the transaction being written and the follower resumes from the cursor.
/// </summary>
internal interface IIndexWriter : IAsyncDisposable
{
    /// <summary>The persisted cursor: every accepted version up to it is indexed.</summary>
    Task<long> ReadCursorAsync(CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: indexes the <paramref name="rows"/> (in sequence order) above the cursor stored at that
    /// moment (another process's follower may have moved it) and moves the cursor to <paramref name="upTo"/>, the last
    /// sequence number the rows cover. Returns the cursor after the write.
    /// </summary>
    Task<long> WriteAsync(IReadOnlyList<PreparedObject> rows, long upTo, CancellationToken cancellationToken);

    /// <summary>Removes the index entries of deleted versions.</summary>
    Task RemoveAsync(IReadOnlyList<PreparedObject> versions, CancellationToken cancellationToken);
}
