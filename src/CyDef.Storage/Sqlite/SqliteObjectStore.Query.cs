using CyDef.Storage.Internal;

namespace CyDef.Storage.Sqlite;

/// <summary>Reads: each on a pooled connection of its own, concurrent with the writer (WAL).</summary>
public sealed partial class SqliteObjectStore
{
    /// <inheritdoc />
    public Task<StoredObject?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        StoreOperations.GetAsync(this, id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredObject>> GetVersionsAsync(string id, CancellationToken cancellationToken = default) =>
        StoreOperations.GetVersionsAsync(this, id, cancellationToken);

    /// <inheritdoc />
    public Task<ObjectPage> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken = default) =>
        StoreOperations.ReadChangesAsync(this, after, limit, cancellationToken);

    /// <inheritdoc />
    public Task<StoredObject?> RevokeAsync(string id, CancellationToken cancellationToken = default) =>
        StoreOperations.RevokeAsync(this, id, cancellationToken);

    /// <inheritdoc />
    public async Task<ObjectPage> QueryAsync(ObjectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        QuerySql.Build(command, SqlDialect.Sqlite, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await Rows.ReadPageAsync(reader, Math.Clamp(query.Limit, 1, ObjectQuery.MaxLimit), query.IncludeContent, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_seq FROM store_state WHERE k = 1";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredObject>> SearchAsync(string text, int limit = 100, CancellationToken cancellationToken = default) =>
        SearchAsync(text, limit, long.MaxValue, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredObject>> SearchAsync(string text, int limit, long before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = SearchText.Words(text);
        if (words.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenIndexReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Each word quoted: FTS5 then reads it as a plain term, never as query syntax; terms side by side mean AND.
        // The FTS table's rowid is the version's sequence number: ordered by it, FTS5 walks its posting lists backwards
        // and the LIMIT stops the walk (ordering by the objects' seq instead sorted every match first).
        command.CommandText = $"SELECT {QuerySql.Columns}, o.json FROM search s JOIN objects o ON o.seq = s.rowid WHERE search MATCH $match AND s.rowid < $before AND o.latest = 1 ORDER BY s.rowid DESC LIMIT {Math.Clamp(limit, 1, ObjectQuery.MaxLimit)}";
        command.Parameters.AddWithValue("$match", string.Join(' ', words.Select(static w => $"\"{w}\"")));
        command.Parameters.AddWithValue("$before", before);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await Rows.ReadAllAsync(reader, withJson: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ObservableMatch>> FindObservableAsync(string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        await using var connection = await OpenIndexReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ObservableSql.FindAsync(connection, value, cancellationToken).ConfigureAwait(false);
    }
}
