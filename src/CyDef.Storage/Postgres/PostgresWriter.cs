using CyDef.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace CyDef.Storage.Postgres;

/// <summary>The statements of a batch's transaction on PostgreSQL.</summary>
internal static class PostgresWriter
{
    private const string CopyObjects = "COPY objects (seq, id, modified_key, type, modified, spec_version, date_added, latest, revoked, json, words) FROM STDIN (FORMAT BINARY)";
    // A write to the server may wait while it catches up with a large copy; 30 s (the default) is too short for the
    // load tool's one-transaction copy of a million rows on a busy machine.
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(10);

    private const string CopyObservables = "COPY observables (value, kind, seq) FROM STDIN (FORMAT BINARY)";

    /// <summary>Locks the state row until the transaction ends: batches commit one at a time, in sequence order.</summary>
    public static async Task<(long Sequence, long Added)> LockStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_seq, last_added FROM store_state WHERE k = 1 FOR UPDATE", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static async Task WriteStateAsync(NpgsqlConnection connection, long sequence, long added, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE store_state SET last_seq = @seq, last_added = @added WHERE k = 1", connection);
        command.Parameters.AddWithValue("seq", sequence);
        command.Parameters.AddWithValue("added", added);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Dictionary<string, List<StoredVersion>>> LoadVersionsAsync(NpgsqlConnection connection, IReadOnlyList<PreparedObject> batch, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, List<StoredVersion>>(batch.Count, StringComparer.Ordinal);
        foreach (var item in batch)
        {
            stored.TryAdd(item.Id, []);
        }

        await using var command = new NpgsqlCommand("SELECT id, modified_key, seq, latest, revoked FROM objects WHERE id = ANY(@ids)", connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = stored.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored[reader.GetString(0)].Add(new StoredVersion(reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetBoolean(4)));
        }

        return stored;
    }

    public static async Task DemoteAsync(NpgsqlConnection connection, List<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("UPDATE objects SET latest = false WHERE seq = ANY(@seqs)", connection);
        command.Parameters.AddWithValue("seqs", sequences.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the rows with binary COPY. The fields are written with the synchronous <c>Write</c>: they go to Npgsql's
    /// write buffer, which reaches the socket every few kilobytes, and an awaited call per field (eleven per version)
    /// cost more CPU than the rest of the copy (bench/README.md). <see cref="NpgsqlBinaryImporter.CompleteAsync"/>,
    /// which waits for the server, is awaited.
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<PreparedObject> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using (var import = await connection.BeginBinaryImportAsync(CopyObjects, cancellationToken).ConfigureAwait(false))
        {
            import.Timeout = CopyTimeout;
            foreach (var row in rows)
            {
                WriteObject(import, row);
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var import = await connection.BeginBinaryImportAsync(CopyObservables, cancellationToken).ConfigureAwait(false))
        {
            import.Timeout = CopyTimeout;
            foreach (var row in rows)
            {
                WriteObservables(import, row);
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteObject(NpgsqlBinaryImporter import, PreparedObject row)
    {
        import.StartRow();
        import.Write(row.Sequence, NpgsqlDbType.Bigint);
        import.Write(row.Id, NpgsqlDbType.Text);
        import.Write(row.ModifiedKey, NpgsqlDbType.Text);
        import.Write(row.Type, NpgsqlDbType.Text);
        WriteNullable(import, row.Modified);
        import.Write(row.SpecVersion, NpgsqlDbType.Text);
        import.Write(row.DateAdded, NpgsqlDbType.Bigint);
        import.Write(row.Latest, NpgsqlDbType.Boolean);
        import.Write(row.Revoked, NpgsqlDbType.Boolean);
        import.Write(row.Json, NpgsqlDbType.Bytea);
        WriteNullable(import, row.SearchText);
    }

    private static void WriteObservables(NpgsqlBinaryImporter import, PreparedObject row)
    {
        for (var i = 0; i < row.Observables.Count; i++)
        {
            var observable = row.Observables[i];
            if (row.Observables.IndexOf(observable) < i)
            {
                continue; // the same value twice in one pattern: one entry
            }

            import.StartRow();
            import.Write(observable.Value, NpgsqlDbType.Text);
            import.Write((short)observable.Kind, NpgsqlDbType.Smallint);
            import.Write(row.Sequence, NpgsqlDbType.Bigint);
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter import, string? value)
    {
        if (value is null)
        {
            import.WriteNull();
        }
        else
        {
            import.Write(value, NpgsqlDbType.Text);
        }
    }
}
