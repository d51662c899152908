using CyDef.Storage.Internal;
using Npgsql;

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
    public async Task<IReadOnlyList<StoredObject>> SearchAsync(string text, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = SearchText.Words(text);
        if (words.Count == 0)
        {
            return [];
        }

        // The words are letters and digits only (SearchText), so joined with & they are a well-formed tsquery.
        await using var command = _dataSource.CreateCommand(
            $"SELECT {QuerySql.Columns}, o.json FROM objects o WHERE to_tsvector('simple', o.words) @@ to_tsquery('simple', @query) AND o.latest ORDER BY o.seq DESC LIMIT {Math.Clamp(limit, 1, ObjectQuery.MaxLimit)}");
        command.Parameters.AddWithValue("query", string.Join(" & ", words));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await Rows.ReadAllAsync(reader, withJson: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ObservableMatch>> FindObservableAsync(string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
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
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await PostgresWriter.LockStateAsync(connection, cancellationToken).ConfigureAwait(false);
            var doomed = await Doomed.LoadAsync(connection, transaction, id, modified, cancellationToken).ConfigureAwait(false);
            await RemoveAsync(connection, doomed, id, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return doomed.Versions.Count;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task RemoveAsync(NpgsqlConnection connection, Doomed doomed, string id, CancellationToken cancellationToken)
    {
        if (doomed.Versions.Count == 0)
        {
            return;
        }

        var sequences = doomed.Versions.Select(static v => v.Sequence).ToArray();
        var values = doomed.Versions.SelectMany(static v => v.Observables).Select(static o => o.Value).Distinct().ToArray();
        await using var command = new NpgsqlCommand(
            "DELETE FROM observables WHERE value = ANY(@values) AND seq = ANY(@seqs); DELETE FROM objects WHERE seq = ANY(@seqs);" +
            (doomed.LatestDeleted ? " UPDATE objects SET latest = true WHERE seq = (SELECT seq FROM objects WHERE id = @id ORDER BY modified_key DESC LIMIT 1);" : ""),
            connection);
        command.Parameters.AddWithValue("values", values);
        command.Parameters.AddWithValue("seqs", sequences);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
