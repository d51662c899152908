using System.Diagnostics;
using CyDef.Stix.Json;

namespace CyDef.Storage.Tests;

/// <summary>Crash safety: a child process importing into the store is killed with SIGKILL between and during batches.</summary>
public abstract partial class ObjectStoreTests
{
    private const int CrashFeedSize = 40_000;
    private const int CrashBatchSize = 250;

    [SkippableFact]
    public async Task Import_KilledMidway_LeavesConsistentStore_AndRerunCompletesIt()
    {
        var storeArguments = ChildStoreArguments();
        await (await OpenStoreAsync()).DisposeAsync(); // create the store (and, for PostgreSQL, its schema) first
        var file = Path.Combine(Path.GetTempPath(), $"cydef-crash-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(file, Feed.Objects(CrashFeedSize));
        try
        {
            var committedBeforeKill = await ImportAndKillAsync(storeArguments, file);
            await using var store = await OpenStoreAsync();
            var stored = await AssertConsistentAsync(store);
            Assert.True(stored >= committedBeforeKill && stored < CrashFeedSize, $"{stored} versions stored; {committedBeforeKill} reported before the kill");
            Assert.Equal(0, stored % CrashBatchSize); // whole batches only

            await using var input = File.OpenRead(file);
            var rerun = await store.IngestAsync(input, new IngestOptions { BatchSize = 1000 });

            Assert.Equal((CrashFeedSize - stored, stored, 0L), (rerun.Accepted, rerun.Duplicates, rerun.Rejected));
            Assert.Equal(CrashFeedSize, await AssertConsistentAsync(store));
            Assert.Single(await store.FindObservableAsync(Feed.Address(CrashFeedSize - 1)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Starts the child, waits for a few committed batches, kills it; returns how many versions it had reported committed.</summary>
    private static async Task<long> ImportAndKillAsync(string[] storeArguments, string file)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[typeof(Program).Assembly.Location, "import", .. storeArguments, file, CrashBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        long committed = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (committed < 4 * CrashBatchSize && await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            Assert.StartsWith("committed ", line, StringComparison.Ordinal);
            committed = long.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        child.Kill(); // SIGKILL: no finally blocks, no flush, no rollback by the process
        await child.WaitForExitAsync(timeout.Token);
        Assert.True(committed >= 4 * CrashBatchSize, "the child stopped before committing 4 batches: " + await child.StandardError.ReadToEndAsync(timeout.Token));
        return committed;
    }

    /// <summary>The feed is 1..N without a gap, every version reads back whole, ids are unique; returns N.</summary>
    private static async Task<long> AssertConsistentAsync(IObjectStore store)
    {
        var expected = 1L;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        ObjectPage page;
        do
        {
            page = await store.ReadChangesAsync(expected - 1, ObjectQuery.MaxLimit);
            foreach (var item in page.Items)
            {
                Assert.Equal(expected++, item.Sequence);
                Assert.Equal(item.Id, StixJsonReader.Parse(item.Json.Span).GetValueOrThrow()["id"]!.GetString());
                Assert.True(ids.Add(item.Id), "stored twice: " + item.Id);
            }
        }
        while (page.More);

        Assert.Equal(expected - 1, await store.GetLastSequenceAsync());
        return expected - 1;
    }
}
