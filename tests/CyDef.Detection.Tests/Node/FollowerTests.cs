using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace CyDef.Detection.Tests.Node;

/// <summary>The node's index follows the store's change feed while a sensor streams: no restart, no pause.</summary>
public sealed class FollowerTests(ITestOutputHelper output)
{
    private const string Id = "indicator--1a000000-0000-4000-8000-000000000001";

    [Fact]
    public async Task Indicator_AddedThenRevokedWhileEventsStream_HitsStartThenStop()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(0);
        var batches = new ConcurrentQueue<(long Started, long Hits)>();
        using var stop = new CancellationTokenSource();
        var poster = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = node.Follower.Sequence;
                var (status, body) = await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("evil.example") + "\n");
                Assert.Equal(200, status);
                batches.Enqueue((started, body.GetProperty("hits").GetInt64()));
                await Task.Delay(20);
            }
        });

        await WaitForBatchesAsync(batches, 3);
        Assert.All(batches, b => Assert.Equal(0, b.Hits));

        var added = await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'evil.example']"));
        await node.Follower.WaitForAsync(added).WaitAsync(TimeSpan.FromSeconds(30));
        var (addedAt, appliedAt) = node.Follower.LastChange!.Value;
        output.WriteLine($"added: applied {(appliedAt - addedAt).TotalMilliseconds:0} ms after the store accepted it");
        await WaitForBatchesAsync(batches, 3, after: added);
        Assert.All(batches.Where(b => b.Started >= added), b => Assert.Equal(1, b.Hits));

        var revoked = await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'evil.example']", "2026-01-02T00:00:00.000Z", extra: ",\"revoked\":true"));
        await node.Follower.WaitForAsync(revoked).WaitAsync(TimeSpan.FromSeconds(30));
        (addedAt, appliedAt) = node.Follower.LastChange!.Value;
        output.WriteLine($"revoked: applied {(appliedAt - addedAt).TotalMilliseconds:0} ms after the store accepted it");
        await WaitForBatchesAsync(batches, 3, after: revoked);
        await stop.CancelAsync();
        await poster;

        Assert.Contains(batches, b => b.Hits > 0);
        Assert.All(batches.Where(b => b.Started >= revoked), b => Assert.Equal(0, b.Hits));
    }

    [Fact]
    public async Task Indicator_NewVersionWithAnotherValue_ReplacesTheOld()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'old.example']")));
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'new.example']", "2026-01-03T00:00:00.000Z")));
        Assert.True(node.Follower.TakenFromCommits > 0, "the versions the node committed are taken from memory, not read back");

        var (_, body) = await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("old.example") + "\n" + DetectionNode.Dns("new.example") + "\n");

        Assert.Equal(2, body.GetProperty("events").GetInt64());
        Assert.Equal(1, body.GetProperty("hits").GetInt64());
    }

    [Fact]
    public async Task Indicator_OlderVersionArrivingLate_LeftOut()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'new.example']", "2026-01-03T00:00:00.000Z")));
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'old.example']")));

        var (_, body) = await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("old.example") + "\n" + DetectionNode.Dns("new.example") + "\n");

        Assert.Equal(1, body.GetProperty("hits").GetInt64());
        Assert.Equal(1, node.Follower.Index.ExactCount);
    }

    [Fact]
    public async Task Indicator_ValidUntilPasses_RemovedWithoutAnyNewVersion()
    {
        var clock = new Lines.FixedClock(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using var node = await DetectionNode.StartAsync(clock);
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'brief.example']", extra: ",\"valid_until\":\"2026-06-02T00:00:00Z\"")));
        Assert.Equal(1, node.Follower.Index.ExactCount);

        clock.Now = new DateTimeOffset(2026, 6, 2, 0, 0, 1, TimeSpan.Zero);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (node.Follower.Index.ExactCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var (_, body) = await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("brief.example") + "\n");
        Assert.Equal(0, node.Follower.Index.ExactCount);
        Assert.Equal(0, body.GetProperty("hits").GetInt64());
    }

    [Fact]
    public async Task Indicator_NewestVersionDeleted_PreviousMatchesAgain_AllDeleted_NoneMatches()
    {
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'old.example']")));
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Id, "[domain-name:value = 'new.example']", "2026-01-03T00:00:00.000Z")));
        var events = DetectionNode.Dns("old.example") + "\n" + DetectionNode.Dns("new.example") + "\n";
        Assert.Equal(1, (await node.PostEventsAsync("sensor", "ids-1", events)).Body.GetProperty("hits").GetInt64());

        Assert.Equal(1, await node.Store.DeleteAsync(Id, "2026-01-03T00:00:00.000Z"));
        await WaitForDeletionsAsync(node);
        var (_, afterNewest) = await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("new.example") + "\n");
        var (_, afterNewestOld) = await node.PostEventsAsync("sensor", "ids-1", DetectionNode.Dns("old.example") + "\n");

        Assert.Equal(0, afterNewest.GetProperty("hits").GetInt64());
        Assert.Equal(1, afterNewestOld.GetProperty("hits").GetInt64());

        Assert.Equal(1, await node.Store.DeleteAsync(Id));
        await WaitForDeletionsAsync(node);
        var (_, afterAll) = await node.PostEventsAsync("sensor", "ids-1", events);

        Assert.Equal(0, afterAll.GetProperty("hits").GetInt64());
        Assert.Equal(0, node.Follower.Index.ExactCount);
    }

    private static async Task WaitForDeletionsAsync(DetectionNode node)
    {
        var last = await node.Store.GetLastDeletionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (node.Follower.DeletionPosition < last)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the follower did not apply deletion {last} (at {node.Follower.DeletionPosition})");
            await Task.Delay(20);
        }
    }

    private static async Task WaitForBatchesAsync(ConcurrentQueue<(long Started, long Hits)> batches, int count, long after = -1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (batches.Count(b => b.Started >= after) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the sensor's batches stopped");
            await Task.Delay(20);
        }
    }
}
