using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Identities;

/// <summary>
/// The directory in <c>directory.db</c> in the node's data folder: a file of its own rather than tables in
/// <c>objects.db</c>, because it is the node's configuration of who may do what, not STIX content — it is backed up,
/// copied and opened (by <c>cydef users …</c> while the node runs) on its own, and never holds up the store's writer.
/// WAL and <c>synchronous=FULL</c>, as the store: a key shown to an administrator is on disk.
/// </summary>
public sealed class SqliteDirectory : SqlDirectory
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string FileName = "directory.db";

    private readonly string _connectionString;

    private SqliteDirectory(string connectionString) => _connectionString = connectionString;

    /// <summary>The database file.</summary>
    public string Path => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>Opens the directory in <paramref name="dataFolder"/>, creating the folder and the tables when missing.</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<SqliteDirectory> OpenAsync(string dataFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        Directory.CreateDirectory(dataFolder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.Combine(dataFolder, FileName),
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        var directory = new SqliteDirectory(connectionString);
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await directory.CreateSchemaAsync(null, cancellationToken).ConfigureAwait(false);
        return directory;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <inheritdoc />
    protected override bool IsConstraintViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 };
}
