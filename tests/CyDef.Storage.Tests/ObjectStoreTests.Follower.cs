namespace CyDef.Storage.Tests;

/// <summary>The index follower (search and correlation filled from the change feed) and tombstones of deleted versions.</summary>
public abstract partial class ObjectStoreTests
{
    /// <summary>Opens the test's store without starting its index follower: versions are committed, nothing is indexed (a crash right after each commit).</summary>
    protected abstract Task<IObjectStore> OpenStoreWithoutIndexFollowerAsync();

    [SkippableFact]
    public async Task IndexFollower_StoppedAfterCommits_ResumesFromItsCursorAndIndexesEachVersionOnce()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.IngestAsync(Stix.Stream(Feed.Objects(100)), new IngestOptions { BatchSize = 30 });
        }

        await using (var unindexed = await OpenStoreWithoutIndexFollowerAsync())
        {
            var report = await unindexed.IngestAsync(Stix.Stream(Stix.Ndjson([.. Feed.Objects(300).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(100)])), new IngestOptions { BatchSize = 30 });
            Assert.Equal(200, report.Accepted);
        }

        await using var reopened = await OpenStoreAsync();
        await reopened.WaitForIndexAsync();

        foreach (var i in (int[])[0, 1, 99, 100, 101, 250, 299])
        {
            Assert.Single(await reopened.FindObservableAsync(Feed.Address(i)));
        }

        Assert.Single(await reopened.SearchAsync("feed item 298"));
        Assert.Equal(150, (await reopened.SearchAsync("feed item", limit: 1000)).Count);
    }

    [SkippableFact]
    public async Task IndexFollower_VersionsWrittenByAnotherStoreInstance_AreIndexedAndKnown()
    {
        await using var first = await OpenStoreAsync();
        await using var second = await OpenStoreAsync();
        await first.IngestAsync(Stix.Stream(Feed.Objects(10)));

        var again = await second.IngestAsync(Stix.Stream(Feed.Objects(10)));
        await second.IngestAsync(Stix.Stream(Stix.Observable("domain-name", "elsewhere.example")));
        var seenByFirst = await first.FindObservableAsync("elsewhere.example");
        var duplicate = await first.IngestAsync(Stix.Stream(Stix.Observable("domain-name", "elsewhere.example")));

        Assert.Equal((0, 10), (again.Accepted, again.Duplicates));
        Assert.Equal("domain-name", Assert.Single(seenByFirst).Object.Type);
        Assert.Equal((0, 1), (duplicate.Accepted, duplicate.Duplicates));
        Assert.Equal(11, await first.GetLastSequenceAsync());
    }

    [SkippableFact]
    public async Task Delete_Version_LeavesATombstone_SoTheSameVersionIsNotStoredAgain()
    {
        await using (var store = await OpenStoreAsync())
        {
            await IngestVersionsAsync(store, 1, 2);
            var sco = Stix.Observable("domain-name", "deleted.example");
            await store.IngestAsync(Stix.Stream(sco));
            Assert.Equal(1, await store.DeleteAsync(VersionedId, Stix.Timestamp(2)));
            Assert.Equal(1, await store.DeleteAsync(Stix.IdOf(sco)));
        }

        await using var reopened = await OpenStoreAsync();
        var again = await reopened.IngestAsync(Stix.Stream(Stix.Ndjson(
            Stix.Indicator(VersionedId, Stix.Timestamp(2), "[ipv4-addr:value = '192.0.2.1']"),
            Stix.Observable("domain-name", "deleted.example"),
            Stix.Indicator(VersionedId, Stix.Timestamp(3), "[ipv4-addr:value = '192.0.2.1']"))));

        Assert.Equal((1, 0, 2), (again.Accepted, again.Duplicates, again.Rejected));
        Assert.All(again.Rejections, r => Assert.Contains("deleted", r.Reasons[0].Message, StringComparison.Ordinal));
        Assert.Equal([Stix.Timestamp(1), Stix.Timestamp(3)], (await reopened.GetVersionsAsync(VersionedId)).Select(v => v.Modified));
        Assert.Empty(await reopened.FindObservableAsync("deleted.example"));
    }
}
