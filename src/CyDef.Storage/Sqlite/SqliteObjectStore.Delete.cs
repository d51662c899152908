using CyDef.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>Deletion by an administrator: the versions, their search words and correlation values, in one transaction.</summary>
public sealed partial class SqliteObjectStore
{
    /// <inheritdoc />
    public async Task<int> DeleteAsync(string id, string? modified = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _writer.Connection;
            using var transaction = connection.BeginTransaction(deferred: false);
            var doomed = await Doomed.LoadAsync(connection, transaction, id, modified, cancellationToken).ConfigureAwait(false);
            foreach (var version in doomed.Versions)
            {
                Remove(connection, transaction, version);
            }

            if (doomed.LatestDeleted)
            {
                Execute(connection, transaction, "UPDATE objects SET latest = 1 WHERE seq = (SELECT seq FROM objects WHERE id = $id ORDER BY modified_key DESC LIMIT 1)", ("$id", id));
            }

            transaction.Commit();
            return doomed.Versions.Count;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void Remove(SqliteConnection connection, SqliteTransaction transaction, PreparedObject version)
    {
        foreach (var observable in version.Observables)
        {
            Execute(connection, transaction, "DELETE FROM observables WHERE value = $value AND kind = $kind AND seq = $seq", ("$value", observable.Value), ("$kind", (long)observable.Kind), ("$seq", version.Sequence));
        }

        Execute(connection, transaction, "DELETE FROM search WHERE rowid = $seq", ("$seq", version.Sequence));
        Execute(connection, transaction, "DELETE FROM objects WHERE seq = $seq", ("$seq", version.Sequence));
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
}
