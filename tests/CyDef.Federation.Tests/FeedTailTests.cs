using System.Text;
using CyDef.Server.Federation;
using CyDef.Storage.Sqlite;
using static CyDef.Federation.Tests.Objects;

namespace CyDef.Federation.Tests;

/// <summary>The change streams' shared reads of the feed: one store read per cursor for any number of streams, never a stale page.</summary>
public sealed class FeedTailTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-feedtail-" + Guid.NewGuid().ToString("N"));
    private SqliteObjectStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteObjectStore.OpenAsync(_folder);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Read_ManyStreamsSameCursor_OneStoreRead_OtherCursorsAndOldReadsReadAgain()
    {
        await IngestAsync(1, 2, 3);
        var clock = new Clock();
        var tail = new FeedTail(_store, clock);

        var pages = await Task.WhenAll(Enumerable.Range(0, 26).Select(_ => tail.ReadAsync(0, 100, CancellationToken.None)));

        Assert.Equal(1, tail.StoreReads);
        Assert.All(pages, p => Assert.Equal([Id(1), Id(2), Id(3)], p.Items.Select(o => o.Id)));

        // Another cursor, another limit: their own reads.
        Assert.Equal([Id(2), Id(3)], (await tail.ReadAsync(1, 100, CancellationToken.None)).Items.Select(o => o.Id));
        Assert.Equal([Id(1)], (await tail.ReadAsync(0, 1, CancellationToken.None)).Items.Select(o => o.Id));
        Assert.Equal(3, tail.StoreReads);

        // A version committed since: a stream at the end of the shared page reads after it and finds it.
        await IngestAsync(4);
        Assert.Equal([Id(4)], (await tail.ReadAsync(3, 100, CancellationToken.None)).Items.Select(o => o.Id));

        // A read older than its lifetime is made again, and sees the feed as it is now.
        clock.Now += FeedTail.Lifetime;
        Assert.Equal([Id(1), Id(2), Id(3), Id(4)], (await tail.ReadAsync(0, 100, CancellationToken.None)).Items.Select(o => o.Id));
        Assert.Equal(5, tail.StoreReads);
    }

    [Fact]
    public async Task Read_MoreCursorsThanRemembered_EachAnswersItsOwnCursor()
    {
        await IngestAsync(Enumerable.Range(1, FeedTail.Remembered * 2).ToArray());
        var tail = new FeedTail(_store, new Clock());

        for (var round = 0; round < 2; round++)
        {
            for (var after = 0; after < FeedTail.Remembered * 2; after++)
            {
                var page = await tail.ReadAsync(after, 1, CancellationToken.None);
                Assert.Equal([Id(after + 1)], page.Items.Select(o => o.Id));
            }
        }
    }

    private async Task IngestAsync(params int[] numbers)
    {
        foreach (var n in numbers)
        {
            var report = await _store.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(Clear(n, OrgA))));
            Assert.Equal(1, report.Accepted);
        }
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
