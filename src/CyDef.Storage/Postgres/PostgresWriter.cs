using CyDef.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace CyDef.Storage.Postgres;

/// <summary>The statements of a batch's transaction on PostgreSQL.</summary>
internal static class PostgresWriter
{
    private const string CopyObjects = "COPY objects (seq, id_key, id, modified_key, type, modified, spec_version, date_added, latest, revoked, json) FROM STDIN (FORMAT BINARY)";
    // A write to the server may wait while it catches up with a large copy; 30 s (the default) is too short for the
    // load tool's one-transaction copy of a million rows on a busy machine.
    public static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(10);

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

    /// <summary>
    /// Brings <paramref name="known"/> (the keys of every id stored or tombstoned, as of sequence number
    /// <paramref name="knownUpTo"/>) up to <paramref name="lastSequence"/>; called with the state row locked.
    /// </summary>
    public static async Task SyncKnownKeysAsync(NpgsqlConnection connection, HashSet<long> known, long knownUpTo, long lastSequence, CancellationToken cancellationToken)
    {
        if (knownUpTo == lastSequence)
        {
            return;
        }

        await using var command = new NpgsqlCommand("SELECT id_key FROM objects WHERE seq > @after UNION ALL SELECT id_key FROM tombstones", connection);
        command.Parameters.AddWithValue("after", knownUpTo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            known.Add(reader.GetInt64(0));
        }
    }

    // One index probe per key, whatever the table's statistics say. "id_key = ANY(@keys)" leaves the choice to the
    // planner, and during a bulk import no ANALYZE has seen most of the table yet: without statistics it takes each
    // key to match 0.5 % of the rows, a hundred keys half the table, and scanned all of it for every batch (12 s of a
    // million-object import, growing with the table). OFFSET 0 keeps the subquery from being merged into a join, so
    // each key is looked up through objects_id.
    internal const string LoadVersions = """
        SELECT v.id, v.modified_key, v.seq, v.latest, v.revoked, v.tombstone
        FROM unnest(@keys) AS k(id_key)
        CROSS JOIN LATERAL (
            SELECT id, modified_key, seq, latest, revoked, false AS tombstone FROM objects WHERE id_key = k.id_key
            UNION ALL
            SELECT id, modified_key, 0, false, false, true FROM tombstones WHERE id_key = k.id_key
            OFFSET 0) AS v
        """;

    /// <summary>The stored versions and tombstones of the batch's ids whose keys are <paramref name="known"/>; the others are new.</summary>
    public static async Task<Dictionary<string, List<StoredVersion>>> LoadVersionsAsync(NpgsqlConnection connection, IReadOnlyList<PreparedObject> batch, HashSet<long> known, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, List<StoredVersion>>(batch.Count, StringComparer.Ordinal);
        var keys = new HashSet<long>();
        foreach (var item in batch)
        {
            if (stored.TryAdd(item.Id, []) && known.Contains(item.IdKey))
            {
                keys.Add(item.IdKey);
            }
        }

        if (keys.Count == 0)
        {
            return stored;
        }

        await using var command = new NpgsqlCommand(LoadVersions, connection);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Another id with the same key is not one of ours: skipped.
            if (stored.TryGetValue(reader.GetString(0), out var versions))
            {
                versions.Add(reader.GetBoolean(5)
                    ? StoredVersion.Tombstone(reader.GetString(1))
                    : new StoredVersion(reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetBoolean(4)));
            }
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

    /// <summary>Copies the versions with binary COPY (their search words and correlation values are the index follower's).</summary>
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
                await WriteObjectAsync(import, row, cancellationToken).ConfigureAwait(false);
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteObjectAsync(NpgsqlBinaryImporter import, PreparedObject row, CancellationToken cancellationToken)
    {
        await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.IdKey, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.ModifiedKey, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await WriteNullableAsync(import, row.Modified, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.SpecVersion, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.DateAdded, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.Latest, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.Revoked, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
        await import.WriteAsync(row.Json, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
