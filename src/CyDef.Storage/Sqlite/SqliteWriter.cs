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
    private readonly RawStatement _insertObject;
    private readonly RawStatement _insertObservable;
    private readonly RawStatement _insertWords;
    private readonly Statement _notLatest;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _readState = new(connection, "SELECT last_seq, last_added FROM store_state WHERE k = 1");
        _writeState = new(connection, "UPDATE store_state SET last_seq = $seq, last_added = $added WHERE k = 1", "$seq", "$added");
        // One statement looks up the stored versions of a whole batch: SQLite probes the index for each id of the
        // JSON array itself, with no round trip through ADO.NET per id.
        _versions = new(connection, "SELECT o.id, o.modified_key, o.seq, o.latest, o.revoked FROM json_each($ids) j JOIN objects o ON o.id = j.value", "$ids");
        var database = connection.Handle!;
        _insertObject = new(database, "INSERT INTO objects (seq, id, modified_key, type, modified, spec_version, date_added, latest, revoked, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        _insertObservable = new(database, "INSERT OR IGNORE INTO observables (value, kind, seq) VALUES (?1, ?2, ?3)");
        _insertWords = new(database, "INSERT INTO search (rowid, words) VALUES (?1, ?2)");
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
        foreach (var statement in new IDisposable[] { _readState, _writeState, _versions, _insertObject, _insertObservable, _insertWords, _notLatest })
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
            stored.TryAdd(item.Id, []);
        }

        using var reader = _versions.Read(transaction, JsonArray(stored.Keys));
        while (reader.Read())
        {
            stored[reader.GetString(0)].Add(new StoredVersion(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0, reader.GetInt64(4) != 0));
        }

        return stored;
    }

    private static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void Insert(IReadOnlyList<PreparedObject> rows, SqliteTransaction transaction)
    {
        _ = transaction; // the raw statements run inside the connection's open transaction
        foreach (var row in rows)
        {
            _insertObject.Bind(1, row.Sequence).Bind(2, row.Id).Bind(3, row.ModifiedKey).Bind(4, row.Type).Bind(5, row.Modified).Bind(6, row.SpecVersion)
                .Bind(7, row.DateAdded).Bind(8, row.Latest ? 1 : 0).Bind(9, row.Revoked ? 1 : 0).Bind(10, row.Json).Execute();
            foreach (var observable in row.Observables)
            {
                _insertObservable.Bind(1, observable.Value).Bind(2, (long)observable.Kind).Bind(3, row.Sequence).Execute();
            }

            if (row.SearchText is { } words)
            {
                _insertWords.Bind(1, row.Sequence).Bind(2, words).Execute();
            }
        }
    }
}
