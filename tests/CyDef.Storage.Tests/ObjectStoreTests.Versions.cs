namespace CyDef.Storage.Tests;

/// <summary>Versions and the TAXII-shaped queries.</summary>
public abstract partial class ObjectStoreTests
{
    private static readonly string VersionedId = Stix.IndicatorId(42);

    [SkippableFact]
    public async Task Get_VersionsArrivingOutOfOrder_ReturnsTheNewest()
    {
        await using var store = await OpenStoreAsync();
        await IngestVersionsAsync(store, 5, 9, 2);

        var newest = await store.GetAsync(VersionedId);
        var versions = await store.GetVersionsAsync(VersionedId);

        Assert.Equal(Stix.Timestamp(9), newest!.Modified);
        Assert.Equal([2, 5, 9], versions.Select(v => int.Parse(v.Modified![17..19], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Single(versions, v => v.IsLatest);
    }

    [SkippableFact]
    public async Task Query_VersionFilters_SelectFirstLastAllOrSpecific()
    {
        await using var store = await OpenStoreAsync();
        await IngestVersionsAsync(store, 5, 9, 2);

        Assert.Equal([Stix.Timestamp(9)], await ModifiedAsync(store, VersionFilter.Last));
        Assert.Equal([Stix.Timestamp(2)], await ModifiedAsync(store, VersionFilter.First));
        Assert.Equal(3, (await ModifiedAsync(store, VersionFilter.All)).Count);
        Assert.Equal([Stix.Timestamp(5)], await ModifiedAsync(store, VersionFilter.At("2024-02-01T00:00:05Z")));
        Assert.Equal(2, (await ModifiedAsync(store, VersionFilter.First with { IncludeLast = true })).Count);
    }

    [SkippableFact]
    public async Task Query_ByTypeIdAndSpecVersion_ReturnsOnlyMatches()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Feed.Objects(10)));

        var indicators = await store.QueryAsync(new ObjectQuery { Types = ["indicator"] });
        var byId = await store.QueryAsync(new ObjectQuery { Ids = [Stix.IndicatorId(1), Stix.IndicatorId(3)] });
        var spec20 = await store.QueryAsync(new ObjectQuery { SpecVersions = ["2.0"] });
        var both = await store.QueryAsync(new ObjectQuery { Types = ["indicator", "ipv4-addr"], SpecVersions = ["2.1"] });

        Assert.Equal(5, indicators.Items.Count);
        Assert.All(indicators.Items, o => Assert.Equal("indicator", o.Type));
        Assert.Equal([Stix.IndicatorId(1), Stix.IndicatorId(3)], byId.Items.Select(o => o.Id));
        Assert.Empty(spec20.Items);
        Assert.Equal(10, both.Items.Count);
    }

    [SkippableFact]
    public async Task Query_KeysetPaging_CoversEveryVersionOnceWithDateAddedBounds()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Feed.Objects(25)));
        var seen = new List<long>();
        long? after = null;
        ObjectPage page;
        do
        {
            page = await store.QueryAsync(new ObjectQuery { After = after, Limit = 10 });
            seen.AddRange(page.Items.Select(o => o.Sequence));
            Assert.Equal(page.Items.Min(o => o.DateAdded), page.DateAddedFirst);
            Assert.Equal(page.Items.Max(o => o.DateAdded), page.DateAddedLast);
            after = page.Next;
        }
        while (page.More);

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), seen);
        Assert.Equal(5, page.Items.Count);
    }

    [SkippableFact]
    public async Task Query_AddedAfter_ReturnsOnlyLaterVersions()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Feed.Objects(10)));
        var firstPage = await store.QueryAsync(new ObjectQuery { Limit = 4 });

        var rest = await store.QueryAsync(new ObjectQuery { AddedAfter = firstPage.DateAddedLast });

        Assert.Equal(Enumerable.Range(5, 6).Select(i => (long)i), rest.Items.Select(o => o.Sequence));
        Assert.All(rest.Items, o => Assert.True(o.DateAdded > firstPage.DateAddedLast));
        Assert.Empty((await store.QueryAsync(new ObjectQuery { AddedAfter = rest.DateAddedLast })).Items);
    }

    [SkippableFact]
    public async Task Query_WithoutContent_ReturnsManifestFieldsOnly()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Feed.Objects(2)));

        var page = await store.QueryAsync(new ObjectQuery { IncludeContent = false });

        Assert.All(page.Items, o => Assert.True(o.Json.IsEmpty));
        Assert.Equal(Stix.IndicatorId(1), page.Items[0].Id);
    }

    [SkippableFact]
    public async Task ReadChanges_ResumingFromASequence_ReturnsEveryLaterVersion()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Feed.Objects(5)));
        await IngestVersionsAsync(store, 1, 2);

        var changes = await store.ReadChangesAsync(4, 100);

        Assert.Equal([5L, 6, 7], changes.Items.Select(o => o.Sequence));
        Assert.False(changes.More);
        Assert.Equal(2, (await store.ReadChangesAsync(4, 2)).Items.Count);
    }

    private static async Task IngestVersionsAsync(IObjectStore store, params int[] seconds)
    {
        foreach (var second in seconds)
        {
            var report = await store.IngestAsync(Stix.Stream(Stix.Indicator(VersionedId, Stix.Timestamp(second), "[ipv4-addr:value = '192.0.2.1']")));
            Assert.Equal(1, report.Accepted);
        }
    }

    private static async Task<List<string?>> ModifiedAsync(IObjectStore store, VersionFilter versions) =>
        (await store.QueryAsync(new ObjectQuery { Ids = [VersionedId], Versions = versions })).Items.Select(o => o.Modified).ToList();
}
