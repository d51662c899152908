using CyDef.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>
/// The store's one write connection and its prepared statements, reused for every batch: a batch is one
/// <c>BEGIN IMMEDIATE</c> transaction that reads the state row, looks up the stored versions of its ids, and inserts
/// the versions, their search words and correlation values.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Statement _readState;
    private readonly Statement _writeState;
    private readonly Statement _versions;
    private readonly Statement _insertObject;
    private readonly Statement _insertObservable;
    private readonly Statement _insertWords;
    private readonly Statement _notLatest;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _readState = new(connection, "SELECT last_seq, last_added FROM store_state WHERE k = 1");
        _writeState = new(connection, "UPDATE store_state SET last_seq = $seq, last_added = $added WHERE k = 1", "$seq", "$added");
        _versions = new(connection, "SELECT modified_key, seq, latest, revoked FROM objects WHERE id = $id", "$id");
        _insertObject = new(connection, "INSERT INTO objects (seq, id, modified_key, type, modified, spec_version, date_added, latest, revoked, json) VALUES ($seq, $id, $key, $type, $modified, $spec, $added, $latest, $revoked, $json)",
            "$seq", "$id", "$key", "$type", "$modified", "$spec", "$added", "$latest", "$revoked", "$json");
        _insertObservable = new(connection, "INSERT OR IGNORE INTO observables (value, kind, seq) VALUES ($value, $kind, $seq)", "$value", "$kind", "$seq");
        _insertWords = new(connection, "INSERT INTO search (rowid, words) VALUES ($seq, $words)", "$seq", "$words");
        _notLatest = new(connection, "UPDATE objects SET latest = 0 WHERE seq = $seq", "$seq");
    }

    public SqliteConnection Connection => _connection;

    /// <summary>Plans and writes one batch in one transaction.</summary>
    public BatchPlan Commit(IReadOnlyList<PreparedObject> batch, long nowMicros)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var (lastSequence, lastAdded) = ReadState(transaction);
        var plan = BatchPlan.Make(batch, LoadVersions(batch, transaction), lastSequence, lastAdded, nowMicros);
        Insert(plan.Accepted, transaction);
        foreach (var sequence in plan.NoLongerLatest)
        {
            _notLatest.Run(transaction, sequence);
        }

        _writeState.Run(transaction, plan.LastSequence, plan.LastDateAdded);
        transaction.Commit();
        return plan;
    }

    /// <summary>Inserts rows whose sequence numbers are already set, in one transaction, with no look-up: the benchmark's raw rate.</summary>
    public void InsertRaw(IReadOnlyList<PreparedObject> rows)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        Insert(rows, transaction);
        _writeState.Run(transaction, rows[^1].Sequence, rows[^1].DateAdded);
        transaction.Commit();
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _readState, _writeState, _versions, _insertObject, _insertObservable, _insertWords, _notLatest })
        {
            statement.Dispose();
        }
    }

    private (long Sequence, long Added) ReadState(SqliteTransaction transaction)
    {
        using var reader = _readState.Read(transaction);
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private Dictionary<string, List<StoredVersion>> LoadVersions(IReadOnlyList<PreparedObject> batch, SqliteTransaction transaction)
    {
        var stored = new Dictionary<string, List<StoredVersion>>(batch.Count, StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (stored.ContainsKey(item.Id))
            {
                continue;
            }

            var versions = new List<StoredVersion>(1);
            using (var reader = _versions.Read(transaction, item.Id))
            {
                while (reader.Read())
                {
                    versions.Add(new StoredVersion(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0));
                }
            }

            stored.Add(item.Id, versions);
        }

        return stored;
    }

    private void Insert(IReadOnlyList<PreparedObject> rows, SqliteTransaction transaction)
    {
        foreach (var row in rows)
        {
            _insertObject.Run(transaction, row.Sequence, row.Id, row.ModifiedKey, row.Type, (object?)row.Modified ?? DBNull.Value, row.SpecVersion, row.DateAdded, row.Latest ? 1L : 0L, row.Revoked ? 1L : 0L, row.Json);
            foreach (var observable in row.Observables)
            {
                _insertObservable.Run(transaction, observable.Value, (long)observable.Kind, row.Sequence);
            }

            if (row.SearchText is { } words)
            {
                _insertWords.Run(transaction, row.Sequence, words);
            }
        }
    }
}
