using CyDef.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>
/// The derived indexes in <c>index.db</c> (text search in FTS5, correlation values), on a connection of their own, so
/// that they are written while the store's writer writes <c>objects.db</c>. <c>synchronous = NORMAL</c>: a power cut
/// may lose the last index commits, cursor included, and the follower then indexes those versions again.
/// </summary>
internal sealed class SqliteIndexWriter : IIndexWriter
{
    public const string FileName = "index.db";

    private readonly SqliteConnection _connection;
    private readonly Statement _readCursor;
    private readonly Statement _writeCursor;
    private readonly RawStatement _insertObservable;
    private readonly RawStatement _insertWords;

    private SqliteIndexWriter(SqliteConnection connection)
    {
        _connection = connection;
        _readCursor = new(connection, "SELECT cursor FROM index_state WHERE k = 1");
        _writeCursor = new(connection, "UPDATE index_state SET cursor = $cursor WHERE k = 1", "$cursor");
        var database = connection.Handle!;
        _insertObservable = new(database, "INSERT OR IGNORE INTO observables (value, kind, seq) VALUES (?1, ?2, ?3)");
        _insertWords = new(database, "INSERT INTO search (rowid, words) VALUES (?1, ?2)");
    }

    public static async Task<SqliteIndexWriter> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            // 16 KB pages for a new file, as the store's (SqliteObjectStore); checkpoints every 64 MB of WAL.
            command.CommandText = """
                PRAGMA page_size = 16384;
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA cache_size = -131072;
                PRAGMA temp_store = MEMORY;
                PRAGMA wal_autocheckpoint = 4096;
                """ + SqliteSchema.CreateIndex;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteIndexWriter(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<long> ReadCursorAsync(CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction(deferred: true);
        return Task.FromResult(ReadCursor(transaction));
    }

    public Task<long> WriteAsync(IReadOnlyList<PreparedObject> rows, long upTo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var transaction = _connection.BeginTransaction(deferred: false);
        var cursor = ReadCursor(transaction);
        if (upTo <= cursor)
        {
            return Task.FromResult(cursor);
        }

        Insert(rows, cursor);
        _writeCursor.Run(transaction, upTo);
        transaction.Commit();
        return Task.FromResult(upTo);
    }

    /// <summary>Indexes rows in one transaction with no cursor check (the load tool's raw insert rate).</summary>
    public void InsertRaw(IReadOnlyList<PreparedObject> rows)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        Insert(rows, 0);
        _writeCursor.Run(transaction, rows[^1].Sequence);
        transaction.Commit();
    }

    public Task RemoveAsync(IReadOnlyList<PreparedObject> versions, CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var version in versions)
        {
            foreach (var observable in version.Observables)
            {
                Execute(transaction, "DELETE FROM observables WHERE value = $value AND kind = $kind AND seq = $seq", ("$value", observable.Value), ("$kind", (long)observable.Kind), ("$seq", version.Sequence));
            }

            Execute(transaction, "DELETE FROM search WHERE rowid = $seq", ("$seq", version.Sequence));
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in new IDisposable[] { _readCursor, _writeCursor, _insertObservable, _insertWords })
        {
            statement.Dispose();
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private long ReadCursor(SqliteTransaction transaction)
    {
        using var reader = _readCursor.Read(transaction);
        reader.Read();
        return reader.GetInt64(0);
    }

    private void Insert(IReadOnlyList<PreparedObject> rows, long cursor)
    {
        foreach (var row in rows)
        {
            if (row.Sequence <= cursor)
            {
                continue;
            }

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

    private void Execute(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
