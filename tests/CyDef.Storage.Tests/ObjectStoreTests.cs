using System.Text;

namespace CyDef.Storage.Tests;

/// <summary>
/// The storage suite. Every engine runs all of it: <see cref="SqliteObjectStoreTests"/> and
/// <see cref="PostgresObjectStoreTests"/> only say where their store lives.
/// </summary>
public abstract partial class ObjectStoreTests : IAsyncLifetime
{
    /// <summary>Opens the test's store; a second call opens the same store again (a restart).</summary>
    protected abstract Task<IObjectStore> OpenStoreAsync();

    /// <summary>The arguments after <c>import</c> that make the child process open this test's store.</summary>
    protected abstract string[] ChildStoreArguments();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Ingest_NewObjects_AcceptedWithContiguousSequences()
    {
        await using var store = await OpenStoreAsync();
        var report = await store.IngestAsync(Stix.Stream(Feed.Objects(10)));

        Assert.Equal((10, 0, 0), (report.Accepted, report.Duplicates, report.Rejected));
        Assert.Equal((1L, 10L), (report.FirstSequence, report.LastSequence));
        var changes = await store.ReadChangesAsync(0, 100);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), changes.Items.Select(o => o.Sequence));
        Assert.Equal(10, await store.GetLastSequenceAsync());
    }

    [SkippableFact]
    public async Task Ingest_SameVersionAgain_IsDuplicateAndAddsNothingToTheFeed()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Feed.Objects(6)));
        var again = await store.IngestAsync(Stix.Stream(Stix.Bundle(Feed.Objects(6).Split('\n', StringSplitOptions.RemoveEmptyEntries))));

        Assert.Equal((0, 6, 0), (again.Accepted, again.Duplicates, again.Rejected));
        Assert.Null(again.FirstSequence);
        Assert.Equal(6, await store.GetLastSequenceAsync());
    }

    [SkippableFact]
    public async Task Ingest_NewVersions_FeedAppendedToldOfTheLastSequence_DuplicatesTellNothing()
    {
        await using var store = await OpenStoreAsync();
        var told = new List<long>();
        store.FeedAppended += last =>
        {
            lock (told)
            {
                told.Add(last);
            }
        };

        await store.IngestAsync(Stix.Stream(Feed.Objects(6)), new IngestOptions { BatchSize = 4 });
        await store.IngestAsync(Stix.Stream(Feed.Objects(6)));

        Assert.Equal([4L, 6L], told);
    }

    [SkippableFact]
    public async Task Committed_EachBatch_AsTheFeedReadsRightAfterIt()
    {
        await using var store = await OpenStoreAsync();
        using var tail = new CommittedTail(store);
        var id = Stix.IndicatorId(1);
        string Version(int day, string domain) => Stix.Indicator(id, Stix.Timestamp(day), $"[domain-name:value = '{domain}']");

        // Three batches: new objects, a newer version of one of them (which demotes the first), a duplicate and a new one.
        string[][] batches = [[Version(1, "a.example"), .. Feed.Objects(3).Split('\n', StringSplitOptions.RemoveEmptyEntries)], [Version(2, "b.example")], [Version(2, "b.example"), Version(3, "c.example")]];
        var before = 0L;
        foreach (var batch in batches)
        {
            await store.IngestAsync(Stix.Stream(Stix.Ndjson(batch)));
            var feed = (await store.ReadChangesAsync(before, 100)).Items;

            if (before == 0)
            {
                Assert.True(tail.TryRead(2, out var rest), "the rest of a batch that covers the position");
                Assert.Equal(Describe(feed.Skip(2)), Describe(rest));
            }

            Assert.True(tail.TryRead(before, out var held), $"the batch after {before} is held");
            Assert.Equal(Describe(feed), Describe(held));
            before = feed[^1].Sequence;
        }

        Assert.False(tail.TryRead(before, out _), "nothing after the newest batch");
        Assert.Equal(8, tail.Taken);

        static string[] Describe(IEnumerable<StoredObject> versions) =>
            versions.Select(v => $"{v.Sequence} {v.Id} {v.Type} {v.Modified} {v.SpecVersion} {v.DateAdded:O} {v.IsLatest} {v.Revoked} {Encoding.UTF8.GetString(v.Json.Span)}").ToArray();
    }

    [SkippableFact]
    public async Task Committed_FollowerFallenBehindTheTail_ReadsTheStore()
    {
        await using var store = await OpenStoreAsync();
        using var tail = new CommittedTail(store);
        for (var i = 0; i < CommittedTail.MaxBatches + 2; i++)
        {
            await store.IngestAsync(Stix.Stream(Stix.Ndjson(Stix.Indicator(Stix.IndicatorId(i + 1), Stix.Timestamp(1), $"[domain-name:value = 'd{i}.example']"))));
        }

        Assert.False(tail.TryRead(0, out _), "the first batches were let go");
        Assert.True(tail.TryRead(2, out var held));
        Assert.Equal([3L], held.Select(v => v.Sequence));
    }

    [SkippableFact]
    public async Task Ingest_SameVersionTwiceInOneBatch_StoredOnce()
    {
        await using var store = await OpenStoreAsync();
        var indicator = Stix.Indicator(Stix.IndicatorId(1), Stix.Timestamp(1), "[domain-name:value = 'a.example']");

        var report = await store.IngestAsync(Stix.Stream(Stix.Ndjson(indicator, indicator)));

        Assert.Equal((1, 1), (report.Accepted, report.Duplicates));
    }

    [SkippableFact]
    public async Task Ingest_TimestampsWrittenWithDifferentPrecision_AreTheSameVersion()
    {
        await using var store = await OpenStoreAsync();
        var id = Stix.IndicatorId(1);
        await store.IngestAsync(Stix.Stream(Stix.Indicator(id, "2024-02-01T00:00:01.500Z", "[domain-name:value = 'a.example']")));

        var again = await store.IngestAsync(Stix.Stream(Stix.Indicator(id, "2024-02-01T00:00:01.500000Z", "[domain-name:value = 'a.example']")));

        Assert.Equal(1, again.Duplicates);
    }

    [SkippableFact]
    public async Task Ingest_InvalidObject_RejectedWithPathAndMessage_OthersStored()
    {
        await using var store = await OpenStoreAsync();
        var missingPattern = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}""";

        var report = await store.IngestAsync(Stix.Stream(Stix.Bundle(Stix.Observable("domain-name", "a.example"), missingPattern)));

        Assert.Equal((1, 1), (report.Accepted, report.Rejected));
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal("$.objects[1]", rejection.Path);
        Assert.Equal("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", rejection.Id);
        Assert.Contains(rejection.Reasons, r => r.Path.StartsWith("$.objects[1]", StringComparison.Ordinal) && r.Message.Contains("pattern", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Ingest_MalformedNdjsonLine_RejectedWithLocation_OtherLinesStored()
    {
        await using var store = await OpenStoreAsync();
        var input = Stix.Observable("domain-name", "a.example") + "\n{\"type\": \"domain-name\", \n" + Stix.Observable("domain-name", "b.example") + "\n";

        var report = await store.IngestAsync(Stix.Stream(input));

        Assert.Equal((2, 1), (report.Accepted, report.Rejected));
        Assert.Contains("line", Assert.Single(report.Rejections).Reasons[0].Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Ingest_ManyObjects_CommitsInBatchesAndReportsProgress()
    {
        await using var store = await OpenStoreAsync();
        var reports = new List<IngestProgress>();

        var report = await store.IngestAsync(Stix.Stream(Feed.Objects(1000)), new IngestOptions { BatchSize = 100 }, new SynchronousProgress(reports.Add));

        Assert.Equal(1000, report.Accepted);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 100L), reports.Where(p => p.Accepted > 0).Select(p => p.Accepted).Distinct());
        Assert.True(reports[^1].BytesRead > 0);
        Assert.Equal(1000, reports[^1].LastSequence);
    }

    [SkippableFact]
    public async Task Ingest_ConcurrentImports_GetDistinctContiguousSequences()
    {
        await using var store = await OpenStoreAsync();
        var first = Feed.Objects(600);
        var second = string.Concat(Enumerable.Range(0, 300).Select(i => Stix.Observable("domain-name", $"host{i}.example") + "\n"));

        var reports = await Task.WhenAll(
            store.IngestAsync(Stix.Stream(first), new IngestOptions { BatchSize = 50 }),
            store.IngestAsync(Stix.Stream(second), new IngestOptions { BatchSize = 50 }));

        Assert.Equal(900, reports.Sum(r => r.Accepted));
        var changes = await store.ReadChangesAsync(0, 2000);
        Assert.Equal(Enumerable.Range(1, 900).Select(i => (long)i), changes.Items.Select(o => o.Sequence));
    }

    [SkippableFact]
    public async Task Reopen_AfterIngest_KeepsObjectsAndContinuesTheFeed()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.IngestAsync(Stix.Stream(Feed.Objects(4)));
        }

        await using var reopened = await OpenStoreAsync();
        var report = await reopened.IngestAsync(Stix.Stream(Stix.Observable("domain-name", "later.example")));

        Assert.Equal(5L, report.FirstSequence);
        Assert.Equal(5, (await reopened.ReadChangesAsync(0, 100)).Items.Count);
    }

    [SkippableFact]
    public async Task Get_StoredObject_ReturnsTheJsonAsReceived()
    {
        await using var store = await OpenStoreAsync();
        var json = Stix.Indicator(Stix.IndicatorId(7), Stix.Timestamp(7), "[url:value = 'http://a.example/x']");
        await store.IngestAsync(Stix.Stream(json));

        var stored = await store.GetAsync(Stix.IndicatorId(7));

        Assert.NotNull(stored);
        Assert.Equal(json, Encoding.UTF8.GetString(stored.Json.Span));
        Assert.Equal(("indicator", Stix.Timestamp(7), "2.1", true, false), (stored.Type, stored.Modified, stored.SpecVersion, stored.IsLatest, stored.Revoked));
        Assert.Null(await store.GetAsync(Stix.IndicatorId(8)));
    }
}
