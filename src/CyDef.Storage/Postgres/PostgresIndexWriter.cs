using CyDef.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace CyDef.Storage.Postgres;

/// <summary>
/// The derived indexes on PostgreSQL: <c>search</c> (a <c>tsvector</c> of the words, <see cref="PostgresSearchVector"/>, with a GIN index) and
/// <c>observables</c>, with the follower's cursor in <c>index_state</c>, locked by each write (<c>FOR UPDATE</c>), so
/// followers in several processes never index a version twice. Written on a connection of its own, so the server
/// builds the GIN entries in one backend while another copies the versions.
/// </summary>
internal sealed class PostgresIndexWriter(NpgsqlDataSource dataSource) : IIndexWriter
{
    private const string CopySearch = "COPY search (seq, words) FROM STDIN (FORMAT BINARY)";
    private const string CopyObservables = "COPY observables (value, kind, seq) FROM STDIN (FORMAT BINARY)";

    public async Task<long> ReadCursorAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT cursor FROM index_state WHERE k = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<long> WriteAsync(IReadOnlyList<PreparedObject> rows, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long cursor;
        await using (var command = new NpgsqlCommand("SELECT cursor FROM index_state WHERE k = 1 FOR UPDATE", connection))
        {
            cursor = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (upTo <= cursor)
        {
            return cursor;
        }

        await CopyAsync(connection, rows, cursor, cancellationToken).ConfigureAwait(false);
        await SetCursorAsync(connection, upTo, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return upTo;
    }

    /// <summary>Indexes rows in one transaction with no cursor check (the load tool's raw insert rate).</summary>
    public async Task InsertRawAsync(IReadOnlyList<PreparedObject> rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, rows, 0, cancellationToken).ConfigureAwait(false);
        await SetCursorAsync(connection, rows[^1].Sequence, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The entries of deleted versions, each found through its table's index whatever the planner's statistics say (as
    // PostgresWriter.LoadVersions): without them, after a bulk import, "= ANY" of a few hundred values reads as most of
    // the table, and the deletion scanned it whole. The row ids are collected first, one index probe per value or
    // sequence number, then deleted by row id.
    internal static readonly string[] RemoveStatements =
    [
        """
        DELETE FROM observables WHERE ctid = ANY(ARRAY(
            SELECT o.ctid FROM unnest(@values) AS v(value)
            CROSS JOIN LATERAL (SELECT ctid FROM observables WHERE value = v.value AND seq = ANY(@seqs) OFFSET 0) AS o))
        """,
        """
        DELETE FROM search WHERE ctid = ANY(ARRAY(
            SELECT w.ctid FROM unnest(@seqs) AS s(seq)
            CROSS JOIN LATERAL (SELECT ctid FROM search WHERE seq = s.seq OFFSET 0) AS w))
        """,
    ];

    public async Task RemoveAsync(IReadOnlyList<PreparedObject> versions, CancellationToken cancellationToken)
    {
        var sequences = versions.Select(static v => v.Sequence).ToArray();
        var values = versions.SelectMany(static v => v.Observables).Select(static o => o.Value).Distinct().ToArray();
        await using var command = dataSource.CreateCommand(string.Join("; ", RemoveStatements));
        command.Parameters.AddWithValue("values", values);
        command.Parameters.AddWithValue("seqs", sequences);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task SetCursorAsync(NpgsqlConnection connection, long cursor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE index_state SET cursor = @cursor WHERE k = 1", connection);
        command.Parameters.AddWithValue("cursor", cursor);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<PreparedObject> rows, long cursor, CancellationToken cancellationToken)
    {
        await using (var import = await connection.BeginBinaryImportAsync(CopySearch, cancellationToken).ConfigureAwait(false))
        {
            import.Timeout = PostgresWriter.CopyTimeout;
            var vector = new PostgresSearchVector();
            foreach (var row in rows)
            {
                if (row.Sequence > cursor && row.SearchText is { } words)
                {
                    await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    // A binary COPY field carries no type: the server reads these bytes with the column's (tsvectorrecv).
                    await import.WriteAsync(vector.Encode(words), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                }
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var import = await connection.BeginBinaryImportAsync(CopyObservables, cancellationToken).ConfigureAwait(false))
        {
            import.Timeout = PostgresWriter.CopyTimeout;
            foreach (var row in rows)
            {
                if (row.Sequence > cursor)
                {
                    await WriteObservablesAsync(import, row, cancellationToken).ConfigureAwait(false);
                }
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteObservablesAsync(NpgsqlBinaryImporter import, PreparedObject row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < row.Observables.Count; i++)
        {
            var observable = row.Observables[i];
            if (row.Observables.IndexOf(observable) < i)
            {
                continue; // the same value twice in one pattern: one entry
            }

            await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(observable.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync((short)observable.Kind, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        }
    }
}
