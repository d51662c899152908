using CyDef.Server.Detection;
using CyDef.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace CyDef.Detection.Tests.Node;

/// <summary>The node's sightings while its store fails: kept, retried, and told about without flooding the log.</summary>
public sealed class SightingSinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-sink-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Flush_StoreFailsForMinutes_OneWarningAMinuteThenTheRecoveryOnce()
    {
        await using var inner = await SqliteObjectStore.OpenAsync(_folder);
        var store = FailingStore.Over(inner);
        var clock = new Lines.FixedClock(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var log = new CapturedLog();
        var sink = new SightingSink(store.Store, new SensorIdentities(inner, DetectionNode.Organization, clock), new DetectionOptions(), clock, log);
        sink.Add("ids-1", new Hit("indicator--2e000000-0000-4000-8000-000000000001", []), clock.Now.UtcTicks);

        // 150 flushes a second apart, all failing: the first is told, then one a minute (after 60 and 120 seconds).
        store.Failing = true;
        for (var second = 0; second < 150; second++)
        {
            clock.Now += TimeSpan.FromSeconds(1);
            var failed = await sink.FlushAsync();
            Assert.Equal((0, 1), (failed.Written, failed.Pending));
        }

        Assert.Equal(3, log.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.Contains("121 flushes failed since 2026-11-29 12:00:01Z", log.Entries[^1].Message, StringComparison.Ordinal);

        // The store recovers: the kept version is written, and that is told once.
        store.Failing = false;
        clock.Now += TimeSpan.FromSeconds(1);
        var flush = await sink.FlushAsync();
        Assert.True(flush.Complete);
        Assert.Equal(1, flush.Written);
        Assert.Equal(default, await sink.FlushAsync()); // nothing changed since, nothing kept
        Assert.Single(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("after 150 failed flushes", StringComparison.Ordinal));
    }

    private sealed class CapturedLog : ILogger<SightingSink>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
