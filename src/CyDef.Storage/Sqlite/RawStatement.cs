using SQLitePCL;

namespace CyDef.Storage.Sqlite;

/// <summary>
/// A statement prepared once on the write connection and driven through SQLite's C API (SQLitePCL.raw) for the
/// inserts of a batch: binding and stepping cost a few calls per row, where an ADO.NET command adds a parameter
/// collection, boxing and a data reader (bench/README.md: about twice the insert rate).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public RawStatement(sqlite3 database, string sql)
    {
        _database = database;
        Check(raw.sqlite3_prepare_v2(database, sql, out _statement));
    }

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement to completion and resets it for the next row.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new Microsoft.Data.Sqlite.SqliteException($"SQLite error {result}: {raw.sqlite3_errmsg(_database).utf8_to_string()}", result);
        }
    }
}
