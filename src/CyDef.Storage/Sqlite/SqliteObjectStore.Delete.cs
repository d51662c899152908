using CyDef.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>
/// Deletion by an administrator: the versions go and a tombstone per version stays (so that the same version ingested
/// again, from a peer or a re-run import, is not stored again), in one transaction of <c>objects.db</c>; then their
/// search words and correlation values are removed from <c>index.db</c>. A crash between the two leaves index entries
/// of versions that no longer exist, which no query returns (every index query joins <c>objects</c>). Each deleted
/// version is also written to the deletion log (<c>deletions</c>), which the feed's followers read.
/// </summary>
public sealed partial class SqliteObjectStore
{
    /// <inheritdoc />
    public async Task<int> DeleteAsync(string id, string? modified = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The follower must have indexed the doomed versions before they go, or it could index them afterwards.
            await WaitForIndexAsync(cancellationToken).ConfigureAwait(false);
            var connection = _writer.Connection;
            Doomed doomed;
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                doomed = await Doomed.LoadAsync(connection, transaction, id, modified, cancellationToken).ConfigureAwait(false);
                var deletedAt = Rows.ToMicros(_time.GetUtcNow());
                for (var i = 0; i < doomed.Versions.Count; i++)
                {
                    var version = doomed.Versions[i];
                    Execute(connection, transaction, "DELETE FROM objects WHERE seq = $seq", ("$seq", version.Sequence));
                    Execute(connection, transaction, "INSERT OR IGNORE INTO tombstones (id_key, id, modified_key, deleted_at) VALUES ($key, $id, $modified, $at)",
                        ("$key", IdKey.Of(id)), ("$id", id), ("$modified", version.ModifiedKey), ("$at", deletedAt));
                    Execute(connection, transaction, "INSERT INTO deletions (id, seq, latest, deleted_at, modified, access) VALUES ($id, $seq, $latest, $at, $modified, $access)",
                        ("$id", id), ("$seq", version.Sequence), ("$latest", version.Sequence == doomed.LatestSequence ? 1 : 0), ("$at", deletedAt),
                        ("$modified", (object?)version.Modified ?? DBNull.Value), ("$access", doomed.Access[i]));
                }

                if (doomed.LatestDeleted)
                {
                    Execute(connection, transaction, "UPDATE objects SET latest = 1 WHERE seq = (SELECT seq FROM objects WHERE id_key = $key AND id = $id ORDER BY modified_key DESC LIMIT 1)", ("$key", IdKey.Of(id)), ("$id", id));
                }

                transaction.Commit();
            }

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

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public event Action<long>? VersionsDeleted;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeletedVersion>> ReadDeletionsAsync(long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pos, id, seq, latest, deleted_at, modified, access FROM deletions WHERE pos > $after ORDER BY pos LIMIT $limit";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        var deletions = new List<DeletedVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deletions.Add(new DeletedVersion(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0, Rows.FromMicros(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<byte[]>(6)));
        }

        return deletions;
    }

    /// <inheritdoc />
    public async Task<long> GetLastDeletionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(pos), 0) FROM deletions";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
