using CyDef.Storage.Identities;

namespace CyDef.Storage.Tests.Identities;

/// <summary>The directory suite on SQLite, a data folder per test.</summary>
public sealed class SqliteDirectoryTests : DirectoryTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-directory-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IDirectory> OpenAsync() => await SqliteDirectory.OpenAsync(_folder);

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Open_NewFolder_AFileOfItsOwnInWalMode()
    {
        await using var directory = await SqliteDirectory.OpenAsync(_folder);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={directory.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
        Assert.Equal(Path.Combine(_folder, SqliteDirectory.FileName), directory.Path);
    }
}
