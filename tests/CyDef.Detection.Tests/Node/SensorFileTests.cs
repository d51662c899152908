using System.Text.Json;

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

    [Theory]
    [InlineData("--CyDef:Detection:Files:0:Sensor=ids-1", "Path is needed")]
    [InlineData("--CyDef:Detection:Files:0:Path=/tmp/eve.json", "Sensor ''")]
    [InlineData("--CyDef:Detection:Files:0:Path=/tmp/eve.json --CyDef:Detection:Files:0:Sensor=ids-1 --CyDef:Detection:Files:0:Format=pcap", "Format 'pcap'")]
    public async Task Start_BadFileSetting_NodeRefusesToStartWithTheReason(string settings, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DetectionNode.StartAsync(settings.Split(' ')));
        Assert.Contains("CyDef:Detection: Files:0: " + reason, error.Message, StringComparison.Ordinal);
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
