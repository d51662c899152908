using CyDef.Storage.Postgres;
using Npgsql;

namespace CyDef.Storage.Tests;

/// <summary>
/// The storage suite on a real PostgreSQL (./test.sh starts one and sets <see cref="Variable"/>), a schema per test.
/// Without the variable the tests are skipped, except under CI (CI=true), where they fail.
/// </summary>
public sealed class PostgresObjectStoreTests : ObjectStoreTests
{
    public const string Variable = "CYDEF_TEST_POSTGRES";

    private static readonly string? ServerConnectionString = Environment.GetEnvironmentVariable(Variable);
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");
    private bool _created;

    protected override async Task<IObjectStore> OpenStoreAsync()
    {
        await EnsureSchemaAsync();
        return await PostgresObjectStore.OpenAsync(StoreConnectionString());
    }

    protected override async Task<IObjectStore> OpenStoreWithoutIndexFollowerAsync()
    {
        await EnsureSchemaAsync();
        return await PostgresObjectStore.OpenAsync(StoreConnectionString(), TimeProvider.System, follow: false);
    }

    protected override string[] ChildStoreArguments() => ["postgres", StoreConnectionString()];

    public override async Task DisposeAsync()
    {
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
        }
    }

    private string StoreConnectionString() =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = _schema }.ToString();

    private async Task EnsureSchemaAsync()
    {
        if (ServerConnectionString is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"{Variable} is not set: under CI the PostgreSQL tests must run (./test.sh starts a server)");
            }

            Skip.If(true, $"{Variable} is not set (./test.sh starts a PostgreSQL and sets it)");
        }

        if (!_created)
        {
            await ExecuteAsync($"CREATE SCHEMA {_schema}");
            _created = true;
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
