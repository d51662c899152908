using System.Data.Common;
using System.Text.Json;

namespace CyDef.Storage.Identities;

/// <summary>
/// The directory over ADO.NET, the same SQL on both engines (the tables are small: clarity wins over speed). The
/// engines give a connection, the schema lock and how a constraint violation looks.
/// </summary>
public abstract partial class SqlDirectory : IDirectory
{
    /// <summary>The tables, the same on SQLite and PostgreSQL.</summary>
    protected const string Schema = """
        CREATE TABLE IF NOT EXISTS directory_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS directory_organizations (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, country TEXT, sector TEXT, created BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS directory_communities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, description TEXT);
        CREATE TABLE IF NOT EXISTS directory_members (
            community TEXT NOT NULL REFERENCES directory_communities (id) ON DELETE CASCADE,
            organization TEXT NOT NULL REFERENCES directory_organizations (id) ON DELETE CASCADE,
            PRIMARY KEY (community, organization));
        CREATE INDEX IF NOT EXISTS directory_members_organization ON directory_members (organization);
        CREATE TABLE IF NOT EXISTS directory_users (
            user_name TEXT PRIMARY KEY, display_name TEXT NOT NULL, organization TEXT NOT NULL REFERENCES directory_organizations (id),
            roles TEXT NOT NULL, clearance TEXT NOT NULL, nationality TEXT, communities TEXT NOT NULL, exercises TEXT NOT NULL,
            password_hash TEXT, disabled INTEGER NOT NULL, created BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS directory_api_keys (
            id TEXT PRIMARY KEY, prefix TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
            user_name TEXT REFERENCES directory_users (user_name), organization TEXT REFERENCES directory_organizations (id),
            clearance TEXT, read_collections TEXT NOT NULL, write_collections TEXT NOT NULL,
            created BIGINT NOT NULL, expires BIGINT, last_used BIGINT, revoked BIGINT,
            CHECK ((user_name IS NULL) <> (organization IS NULL)));
        """;

    /// <summary>Opens a connection to the directory's database.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Whether an error is a unique, foreign-key or check constraint of the schema refusing a change.</summary>
    /// <param name="exception">The error.</param>
    protected abstract bool IsConstraintViolation(DbException exception);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <inheritdoc />
    public async Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default) =>
        await ScalarAsync<string>("SELECT value FROM directory_settings WHERE name = @name", cancellationToken, ("name", key)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "INSERT INTO directory_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            cancellationToken, ("name", key), ("value", value)).ConfigureAwait(false);

    /// <summary>Creates the tables when missing.</summary>
    /// <param name="lockSql">A statement that serialises schema creation between processes, or null.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    protected async Task CreateSchemaAsync(string? lockSql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in (lockSql is null ? [] : new[] { lockSql }).Append(Schema))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key a name is unique by.</summary>
    /// <param name="name">The name.</param>
    protected static string NameKey(string name) => name.Trim().ToLowerInvariant();

    private static string Json(IReadOnlyList<string> list) => JsonSerializer.Serialize(list);

    private static string[] List(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

    private static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static long? Millis(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static DateTimeOffset? MaybeTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    private static string? MaybeString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is T value ? value : default;
    }

    private async Task<List<T>> ReadAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        return items;
    }

    // One change in one transaction; a constraint the checks before it could not foresee (a race with another
    // writer) becomes the outcome the checks would have given.
    private async Task<DirectoryWrite> WriteAsync(Func<DbConnection, DbTransaction, Task<DirectoryWrite>> change, DirectoryWrite onViolation, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var outcome = await change(connection, transaction).ConfigureAwait(false);
            if (outcome == DirectoryWrite.Done)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }
        catch (DbException exception) when (IsConstraintViolation(exception))
        {
            return onViolation;
        }
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, [("value", value)]);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null and not DBNull;
    }

    private static async Task<int> RunAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
