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
}
