using CyDef.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace CyDef.Storage.Postgres;

/// <summary>Reads, each on a pooled connection.</summary>
public sealed partial class PostgresObjectStore
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
        await using var command = _dataSource.CreateCommand();
        QuerySql.Build(command, SqlDialect.Postgres, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await Rows.ReadPageAsync(reader, Math.Clamp(query.Limit, 1, ObjectQuery.MaxLimit), query.IncludeContent, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT last_seq FROM store_state WHERE k = 1");
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

        if (PostgresSearchVector.Query(words) is not { } query)
        {
            return [];
        }

        await WaitForIndexAsync(cancellationToken).ConfigureAwait(false);
        // Ordered by the search table's own key, the planner may walk it backwards and stop at the LIMIT when matches
        // are many.
        await using var command = _dataSource.CreateCommand(
            $"SELECT {QuerySql.Columns}, o.json FROM search s JOIN objects o ON o.seq = s.seq WHERE s.words @@ @query AND s.seq < @before AND o.latest ORDER BY s.seq DESC LIMIT {Math.Clamp(limit, 1, ObjectQuery.MaxLimit)}");
        command.Parameters.AddWithValue("query", NpgsqlDbType.TsQuery, query);
        command.Parameters.AddWithValue("before", before);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await Rows.ReadAllAsync(reader, withJson: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ObservableMatch>> FindObservableAsync(string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        await WaitForIndexAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ObservableSql.FindAsync(connection, value, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(string id, string? modified = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The follower must have indexed the doomed versions before they go, or it could index them afterwards.
            await WaitForIndexAsync(cancellationToken).ConfigureAwait(false);
            Doomed doomed;
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await PostgresWriter.LockStateAsync(connection, cancellationToken).ConfigureAwait(false);
                doomed = await Doomed.LoadAsync(connection, transaction, id, modified, cancellationToken).ConfigureAwait(false);
                await RemoveAsync(connection, doomed, id, Rows.ToMicros(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            // A crash here leaves index entries of deleted versions, which no query returns (they join objects).
            await _follower.RemoveAsync(doomed.Versions, cancellationToken).ConfigureAwait(false);
            if (doomed.Versions.Count > 0)
            {
                VersionsDeleted?.Invoke(await GetLastDeletionAsync(cancellationToken).ConfigureAwait(false));
            }

            return doomed.Versions.Count;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task RemoveAsync(NpgsqlConnection connection, Doomed doomed, string id, long deletedAt, CancellationToken cancellationToken)
    {
        if (doomed.Versions.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "DELETE FROM objects WHERE seq = ANY(@seqs);" +
            " INSERT INTO tombstones (id_key, id, modified_key, deleted_at) SELECT @idkey, @id, k, @at FROM unnest(@keys) k ON CONFLICT DO NOTHING;" +
            " INSERT INTO deletions (id, seq, latest, deleted_at, modified, access) SELECT @id, s, s = @latest, @at, m, a FROM unnest(@seqs, @modifieds, @access) WITH ORDINALITY AS d(s, m, a, n) ORDER BY n;" +
            (doomed.LatestDeleted ? " UPDATE objects SET latest = true WHERE seq = (SELECT seq FROM objects WHERE id_key = @idkey AND id = @id ORDER BY modified_key DESC LIMIT 1);" : ""),
            connection);
        command.Parameters.AddWithValue("seqs", doomed.Versions.Select(static v => v.Sequence).ToArray());
        command.Parameters.AddWithValue("keys", doomed.Versions.Select(static v => v.ModifiedKey).ToArray());
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("idkey", IdKey.Of(id));
        command.Parameters.AddWithValue("at", deletedAt);
        command.Parameters.AddWithValue("latest", doomed.LatestSequence);
        command.Parameters.Add(new NpgsqlParameter("modifieds", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = doomed.Versions.Select(static v => v.Modified).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("access", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea) { Value = doomed.Access.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public event Action<long>? VersionsDeleted;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeletedVersion>> ReadDeletionsAsync(long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand("SELECT pos, id, seq, latest, deleted_at, modified, access FROM deletions WHERE pos > @after ORDER BY pos LIMIT @limit");
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        var deletions = new List<DeletedVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deletions.Add(new DeletedVersion(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3), Rows.FromMicros(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<byte[]>(6)));
        }

        return deletions;
    }

    /// <inheritdoc />
    public async Task<long> GetLastDeletionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT coalesce(max(pos), 0) FROM deletions");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
