using CyDef.Storage.Identities;
using Npgsql;

namespace CyDef.Storage.Tests.Identities;

/// <summary>
/// The directory suite on a real PostgreSQL (./test.sh starts one and sets CYDEF_TEST_POSTGRES), a schema per test.
/// Without the variable the tests are skipped, except under CI (CI=true), where they fail.
/// </summary>
public sealed class PostgresDirectoryTests : DirectoryTests
{
    private static readonly string? ServerConnectionString = Environment.GetEnvironmentVariable(PostgresObjectStoreTests.Variable);
    private readonly string _schema = "d_" + Guid.NewGuid().ToString("N");
    private bool _created;

    protected override async Task<IDirectory> OpenAsync()
    {
        if (ServerConnectionString is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"{PostgresObjectStoreTests.Variable} is not set: under CI the PostgreSQL tests must run (./test.sh starts a server)");
            }

            Skip.If(true, $"{PostgresObjectStoreTests.Variable} is not set (./test.sh starts a PostgreSQL and sets it)");
        }

        if (!_created)
        {
            await ExecuteAsync($"CREATE SCHEMA {_schema}");
            _created = true;
        }

        return await PostgresDirectory.OpenAsync(new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = _schema }.ToString());
    }

    public override async Task DisposeAsync()
    {
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
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
