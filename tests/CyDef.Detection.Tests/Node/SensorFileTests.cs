using System.Reflection;
using System.Runtime.ExceptionServices;
using CyDef.Server.Detection;
using CyDef.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyDef.Detection.Tests.Node;

/// <summary>The node following a sensor's log file (<c>CyDef:Detection:Files</c>): lines as they are written, rotation, restart.</summary>
public sealed class SensorFileTests : IDisposable
{
    private const string Evil = "indicator--2f000000-0000-4000-8000-000000000001";
    private readonly string _logs = Directory.CreateTempSubdirectory("cydef-sensor-logs-").FullName;

    public void Dispose() => Directory.Delete(_logs, recursive: true);

    [Fact]
    public async Task Follow_LinesAsWritten_RotationAndRestart_EveryHitCountedOnce()
    {
        var eve = Path.Combine(_logs, "eve.json");
        await using var node = await DetectionNode.StartAsync($"--CyDef:Detection:Files:0:Path={eve}", "--CyDef:Detection:Files:0:Sensor=ids-file");
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Evil, "[domain-name:value = 'evil.example']")));

        // The file appears; a line still being written (no line break yet) is not read.
        var hit = DetectionNode.Dns("evil.example");
        await File.WriteAllTextAsync(eve, hit + "\n" + DetectionNode.Dns("fine.example") + "\n" + "{\"not json\n" + hit[..20]);
        Assert.Equal(1, await CountAsync(node, 1));

        // The rest of the line arrives.
        await File.AppendAllTextAsync(eve, hit[20..] + "\n");
        Assert.Equal(2, await CountAsync(node, 2));

        // Rotation: the sensor renames its file, writes a last line into it, and starts a new one.
        var rotated = eve + ".1";
        File.Move(eve, rotated);
        await File.AppendAllTextAsync(rotated, hit + "\n");
        await File.WriteAllTextAsync(eve, hit + "\n" + hit + "\n");
        Assert.Equal(5, await CountAsync(node, 5));

        // A restart goes on where the node stood: nothing is counted twice.
        await node.RestartAsync();
        await File.AppendAllTextAsync(eve, hit + "\n");
        Assert.Equal(6, await CountAsync(node, 6));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(6, await CountAsync(node, 6));
    }

    [Fact]
    public async Task Follow_RestartsWhileLinesAreRead_EveryHitCountedOnce()
    {
        // Stops at any moment of reading and saving, a flush of the sightings in progress included: the position saved
        // is always that of the last lines whose hits are stored, so no restart counts a line twice or loses one.
        var eve = Path.Combine(_logs, "eve.json");
        await using var node = await DetectionNode.StartAsync($"--CyDef:Detection:Files:0:Path={eve}", "--CyDef:Detection:Files:0:Sensor=ids-file", "--CyDef:Detection:FlushInterval=00:00:00.010");
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Evil, "[domain-name:value = 'evil.example']")));
        var hit = DetectionNode.Dns("evil.example");
        var random = new Random(7);
        var written = 0;
        for (var round = 0; round < 8; round++)
        {
            await File.AppendAllTextAsync(eve, string.Concat(Enumerable.Repeat(hit + "\n", 3)));
            written += 3;
            await Task.Delay(random.Next(0, 120));
            await node.RestartAsync();
        }

        Assert.Equal(written, await CountAsync(node, written));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(written, await CountAsync(node, written));
    }

    [Fact]
    public async Task Follow_StoreFailsThenTheNodeStops_NoHitLostNoneCountedTwice()
    {
        // Runs of a follower over one file and one data folder, each with its own sightings, as runs of a node are; the
        // node's own follower has no file. A run whose store fails and that then stops (as in a crash: its sightings
        // are gone with it) must not have saved a position past the lines whose hits it could not store.
        var eve = Path.Combine(_logs, "eve.json");
        await using var node = await DetectionNode.StartAsync();
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.Indicator(Evil, "[domain-name:value = 'evil.example']")));
        var options = new DetectionOptions { Files = [new SensorFileOptions { Path = eve, Sensor = "ids-file" }] };
        var hit = DetectionNode.Dns("evil.example") + "\n";
        var store = FailingStore.Over(node.Store);

        store.Failing = true;
        await File.WriteAllTextAsync(eve, hit + hit + hit);
        await RunAsync(node, options, store.Store, async () => await WaitForAsync(() => store.Refused >= 2));
        Assert.Equal(0, await CountAsync(node, 0));

        // The next run reads those lines again; its store fails for a while on two more and then recovers.
        store.Failing = false;
        await RunAsync(node, options, store.Store, async () =>
        {
            Assert.Equal(3, await CountAsync(node, 3));
            store.Failing = true;
            var refused = store.Refused;
            await File.AppendAllTextAsync(eve, hit + hit);
            await WaitForAsync(() => store.Refused >= refused + 2);
            store.Failing = false;
            Assert.Equal(5, await CountAsync(node, 5));
        });

        // Once stored, the position was saved: a third run counts nothing again.
        await RunAsync(node, options, store.Store, () => Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.Equal(5, await CountAsync(node, 5));
    }

    [Theory]
    [InlineData("--CyDef:Detection:Files:0:Sensor=ids-1", "Path is needed")]
    [InlineData("--CyDef:Detection:Files:0:Path=/tmp/eve.json", "Sensor ''")]
    [InlineData("--CyDef:Detection:Files:0:Path=/tmp/eve.json --CyDef:Detection:Files:0:Sensor=ids-1 --CyDef:Detection:Files:0:Format=pcap", "Format 'pcap'")]
    public async Task Start_BadFileSetting_NodeRefusesToStartWithTheReason(string settings, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DetectionNode.StartAsync(settings.Split(' ')));
        Assert.Contains("CyDef:Detection: Files:0: " + reason, error.Message, StringComparison.Ordinal);
    }

    // One run of a follower with its own sightings (as one run of the node), stopped once 'during' completes.
    private static async Task RunAsync(DetectionNode node, DetectionOptions options, IObjectStore store, Func<Task> during)
    {
        var sink = new SightingSink(store, node.Identities, options, TimeProvider.System, NullLogger<SightingSink>.Instance);
        using var follower = new SensorFileFollower(options, node.Folder, node.Follower, sink, node.Identities, NullLogger<SensorFileFollower>.Instance);
        await follower.StartAsync(CancellationToken.None);
        try
        {
            await during();
        }
        finally
        {
            await follower.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !condition(); await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 20 s.");
        }
    }

    // Waits until the sighting of the indicator by the file's sensor has at least 'expected' hits; returns its count.
    private static async Task<long> CountAsync(DetectionNode node, long expected)
    {
        long count = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var sightings = await node.TaxiiObjectsAsync("admin", "sighting");
            count = sightings.Where(s => s.GetProperty("sighting_of_ref").GetString() == Evil).Sum(s => s.GetProperty("count").GetInt64());
            if (count >= expected)
            {
                return count;
            }
        }

        return count;
    }
}

/// <summary>The node's store, whose writes fail with an I/O error (as on a full disk) while <see cref="Failing"/> is set; disposing it leaves the node's store open.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from the class
public class FailingStore : DispatchProxy
#pragma warning restore CA1852
{
    private IObjectStore _inner = null!;
    private int _refused;
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int Refused => Volatile.Read(ref _refused);

    public static FailingStore Over(IObjectStore inner)
    {
        var proxy = Create<IObjectStore, FailingStore>();
        var store = (FailingStore)(object)proxy;
        store._inner = inner;
        return store;
    }

    public IObjectStore Store => (IObjectStore)(object)this;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync))
        {
            return ValueTask.CompletedTask; // the node's store is the node's to dispose
        }

        if (Failing && targetMethod.Name.StartsWith("Ingest", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refused);
            throw new IOException("No space left on device (the test's store).");
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
