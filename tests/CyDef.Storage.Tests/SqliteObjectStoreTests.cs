using CyDef.Storage.Sqlite;

namespace CyDef.Storage.Tests;

/// <summary>The storage suite on SQLite, a data folder per test.</summary>
public sealed class SqliteObjectStoreTests : ObjectStoreTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-store-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IObjectStore> OpenStoreAsync() => await SqliteObjectStore.OpenAsync(_folder);

    protected override async Task<IObjectStore> OpenStoreWithoutIndexFollowerAsync() => await SqliteObjectStore.OpenAsync(_folder, TimeProvider.System, follow: false);

    protected override string[] ChildStoreArguments() => ["sqlite", _folder];

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Open_NewFolder_UsesWalWithFullSync()
    {
        await using var store = await SqliteObjectStore.OpenAsync(_folder);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
        Assert.True(File.Exists(Path.Combine(_folder, SqliteObjectStore.FileName)));
    }

    [Fact]
    public async Task Open_NewFolder_Uses16KbPages_AndAStoreMadeWithOtherPagesKeepsThem()
    {
        await using (var store = await SqliteObjectStore.OpenAsync(_folder))
        {
            Assert.Equal(16384L, await PageSizeAsync(Path.Combine(_folder, SqliteObjectStore.FileName)));
            Assert.Equal(16384L, await PageSizeAsync(Path.Combine(_folder, SqliteIndexWriter.FileName)));
        }

        // A store created by an earlier version, with SQLite's default 4 KB pages and in WAL mode already, opens and
        // takes objects as before.
        var older = Path.Combine(Path.GetTempPath(), "cydef-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(older);
        try
        {
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(older, SqliteObjectStore.FileName)};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE earlier (k INTEGER)";
                await command.ExecuteNonQueryAsync();
            }

            await using var store = await SqliteObjectStore.OpenAsync(older);
            var report = await store.IngestObjectsAsync([Stix.Value(Stix.Indicator(Stix.IndicatorId(1), Stix.Created, "[ipv4-addr:value = '203.0.113.7']"))]);

            Assert.Equal(1, report.Accepted);
            Assert.Equal(4096L, await PageSizeAsync(Path.Combine(older, SqliteObjectStore.FileName)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(older, recursive: true);
        }
    }

    private static async Task<long> PageSizeAsync(string path)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
