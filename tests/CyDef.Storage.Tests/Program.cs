using CyDef.Storage.Postgres;
using CyDef.Storage.Sqlite;

namespace CyDef.Storage.Tests;

/// <summary>
/// The crash test's child process (<c>dotnet CyDef.Storage.Tests.dll import ENGINE TARGET FILE BATCH</c>): imports
/// FILE and prints one line per committed batch, so that the test can kill it in the middle.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["import", var engine, var target, var file, var batch])
        {
            await Console.Error.WriteLineAsync("usage: import sqlite|postgres TARGET FILE BATCH");
            return 2;
        }

        await using IObjectStore store = engine == "sqlite" ? await SqliteObjectStore.OpenAsync(target) : await PostgresObjectStore.OpenAsync(target);
        await using var input = File.OpenRead(file);
        var progress = new SynchronousProgress(p => Console.Out.WriteLine($"committed {p.Accepted}"));
        var report = await store.IngestAsync(input, new IngestOptions { BatchSize = int.Parse(batch, System.Globalization.CultureInfo.InvariantCulture) }, progress);
        Console.Out.WriteLine($"done {report.Accepted}");
        return 0;
    }
}
