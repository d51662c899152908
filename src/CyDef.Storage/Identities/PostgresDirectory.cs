using System.Data.Common;
using Npgsql;

namespace CyDef.Storage.Identities;

/// <summary>
/// The directory in PostgreSQL: tables <c>directory_*</c> in the database (and search path) of the node's store, so
/// that every server of a node sees the same users and keys.
/// </summary>
public sealed class PostgresDirectory : SqlDirectory
{
    // pg_advisory_xact_lock key: two processes creating the tables at once would otherwise collide in the catalogue.
    private const string SchemaLock = "SELECT pg_advisory_xact_lock(7305214950117)";

    private readonly NpgsqlDataSource _source;

    private PostgresDirectory(NpgsqlDataSource source) => _source = source;

    /// <summary>Opens the directory, creating its tables when missing.</summary>
    /// <param name="connectionString">The store's connection string.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<PostgresDirectory> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var directory = new PostgresDirectory(Postgres.PostgresSessions.Create(connectionString));
        try
        {
            await directory.CreateSchemaAsync(SchemaLock, cancellationToken).ConfigureAwait(false);
            return directory;
        }
        catch
        {
            await directory.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override bool IsConstraintViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.CheckViolation };
}
