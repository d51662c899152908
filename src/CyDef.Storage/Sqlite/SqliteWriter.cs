using CyDef.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>
/// The store's one write connection and its prepared statements, reused for every batch: a batch is one
/// <c>BEGIN IMMEDIATE</c> transaction that reads the state row, looks up the stored versions (and tombstones) of the ids
/// it may already hold, and inserts the versions. Search words and correlation values are written by the index
/// follower (<see cref="SqliteIndexWriter"/>), not here.
/// </summary>
/// <remarks>
/// The writer keeps the <see cref="IdKey"/> of every id stored or tombstoned in memory (8 bytes and a hash-set slot per
/// object, loaded at the first batch): an id whose key it does not hold is new and needs no look-up, which is almost
/// every id of a bulk import. When the state row shows that another process has written since (a <c>cydef import</c>
/// next to a running node), the keys of its versions are loaded before planning.
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Statement _readState;
    private readonly Statement _writeState;
    private readonly Statement _versions;
    private readonly RawStatement _insertObject;
    private readonly Statement _tombstones;
    private readonly Statement _keysAfter;
    private readonly Statement _tombstoneKeys;
    private readonly Statement _notLatest;
    private HashSet<long>? _knownKeys;
    private long _knownUpTo;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _readState = new(connection, "SELECT last_seq, last_added FROM store_state WHERE k = 1");
        _writeState = new(connection, "UPDATE store_state SET last_seq = $seq, last_added = $added WHERE k = 1", "$seq", "$added");
        // One statement looks up the stored versions of a whole batch: SQLite probes the index for each id of the
        // JSON array itself, with no round trip through ADO.NET per id.
        _versions = new(connection, "SELECT o.id, o.modified_key, o.seq, o.latest, o.revoked FROM json_each($keys) j JOIN objects o ON o.id_key = j.value", "$keys");
        _tombstones = new(connection, "SELECT t.id, t.modified_key FROM json_each($keys) j JOIN tombstones t ON t.id_key = j.value", "$keys");
        _keysAfter = new(connection, "SELECT id_key FROM objects WHERE seq > $seq", "$seq");
        _tombstoneKeys = new(connection, "SELECT id_key FROM tombstones");
        var database = connection.Handle!;
        _insertObject = new(database, "INSERT INTO objects (seq, id_key, id, modified_key, type, modified, spec_version, date_added, latest, revoked, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        _notLatest = new(connection, "UPDATE objects SET latest = 0 WHERE seq = $seq", "$seq");
    }

    public SqliteConnection Connection => _connection;

    /// <summary>Plans and writes one batch in one transaction.</summary>
    public BatchPlan Commit(IReadOnlyList<PreparedObject> batch, long nowMicros)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var (lastSequence, lastAdded) = ReadState(transaction);
        var known = KnownKeys(transaction, lastSequence);
        var plan = BatchPlan.Make(batch, LoadVersions(batch, known, transaction), lastSequence, lastAdded, nowMicros);
        Insert(plan.Accepted, transaction);
        foreach (var sequence in plan.NoLongerLatest)
        {
            _notLatest.Run(transaction, sequence);
        }

        _writeState.Run(transaction, plan.LastSequence, plan.LastDateAdded);
        transaction.Commit();
        foreach (var row in plan.Accepted)
        {
            known.Add(row.IdKey);
        }

        _knownUpTo = plan.LastSequence;
        return plan;
    }

    /// <summary>Inserts rows whose sequence numbers are already set, in one transaction, with no look-up: the benchmark's raw rate.</summary>
    public void InsertRaw(IReadOnlyList<PreparedObject> rows)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        Insert(rows, transaction);
        _writeState.Run(transaction, rows[^1].Sequence, rows[^1].DateAdded);
        transaction.Commit();
        _knownKeys = null;
    }

    public void Dispose()
    {
        foreach (var statement in new IDisposable[] { _readState, _writeState, _versions, _tombstones, _keysAfter, _tombstoneKeys, _insertObject, _notLatest })
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

    /// <summary>The keys of every id stored or tombstoned, brought up to <paramref name="lastSequence"/>.</summary>
    private HashSet<long> KnownKeys(SqliteTransaction transaction, long lastSequence)
    {
        if (_knownKeys is null)
        {
            _knownKeys = [];
            _knownUpTo = 0;
        }
        else if (_knownUpTo == lastSequence)
        {
            return _knownKeys;
        }

        // First batch, or another process wrote since our last one: load the keys of the versions after what we know.
        using (var reader = _keysAfter.Read(transaction, _knownUpTo))
        {
            while (reader.Read())
            {
                _knownKeys.Add(reader.GetInt64(0));
            }
        }

        using (var reader = _tombstoneKeys.Read(transaction))
        {
            while (reader.Read())
            {
                _knownKeys.Add(reader.GetInt64(0));
            }
        }

        _knownUpTo = lastSequence;
        return _knownKeys;
    }

    private Dictionary<string, List<StoredVersion>> LoadVersions(IReadOnlyList<PreparedObject> batch, HashSet<long> known, SqliteTransaction transaction)
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

        var json = "[" + string.Join(',', keys.Select(static k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        using (var reader = _versions.Read(transaction, json))
        {
            while (reader.Read())
            {
                // Another id with the same key is not one of ours: skipped.
                if (stored.TryGetValue(reader.GetString(0), out var versions))
                {
                    versions.Add(new StoredVersion(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0, reader.GetInt64(4) != 0));
                }
            }
        }

        using (var reader = _tombstones.Read(transaction, json))
        {
            while (reader.Read())
            {
                if (stored.TryGetValue(reader.GetString(0), out var versions))
                {
                    versions.Add(StoredVersion.Tombstone(reader.GetString(1)));
                }
            }
        }

        return stored;
    }

    private void Insert(IReadOnlyList<PreparedObject> rows, SqliteTransaction transaction)
    {
        _ = transaction; // the raw statements run inside the connection's open transaction
        foreach (var row in rows)
        {
            _insertObject.Bind(1, row.Sequence).Bind(2, row.IdKey).Bind(3, row.Id).Bind(4, row.ModifiedKey).Bind(5, row.Type).Bind(6, row.Modified).Bind(7, row.SpecVersion)
                .Bind(8, row.DateAdded).Bind(9, row.Latest ? 1 : 0).Bind(10, row.Revoked ? 1 : 0).Bind(11, row.Json).Execute();
        }
    }
}
