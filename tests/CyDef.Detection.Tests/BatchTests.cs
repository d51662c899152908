using System.Globalization;
using System.Text;
using CyDef.Detection.Sightings;

namespace CyDef.Detection.Tests;

/// <summary>
/// Lines matched in batches under one take of the index's locks (<see cref="DetectionSession.ProcessLines"/>, the
/// stream readers) give exactly what matching them one by one gives, and a hit's handler may change the index.
/// </summary>
public sealed class BatchTests
{
    private static readonly string[] Patterns =
    [
        "[ipv4-addr:value = '198.51.100.7']",
        "[domain-name:value = 'evil.example']",
        "[network-traffic:dst_ref.value ISSUBSET '203.0.113.0/24' AND network-traffic:dst_port = 443]",
        "[domain-name:value LIKE '%.bad.example']",
        "([domain-name:value = 'stage.example'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.9']) WITHIN 60 SECONDS",
    ];

    [Fact]
    public void ProcessLines_ManyBatches_EqualsLineByLine()
    {
        var text = Lines(700, new Random(7));
        var (single, singleHits) = Run(session =>
        {
            foreach (var line in text.Split('\n'))
            {
                session.ProcessLine(Encoding.UTF8.GetBytes(line));
            }
        });
        var (batched, batchedHits) = Run(session => session.ProcessLines(Encoding.UTF8.GetBytes(text)));
        var (streamed, streamedHits) = Run(session => session.Process(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        Assert.True(single.Stats.Hits > 50, $"{single.Stats.Hits} hits");
        Assert.True(text.Split('\n').Length > 2 * DetectionSession.BatchLines);
        foreach (var (other, hits) in new[] { (batched, batchedHits), (streamed, streamedHits) })
        {
            Assert.Equal(single.Stats.Events, other.Stats.Events);
            Assert.Equal(single.Stats.Hits, other.Stats.Hits);
            Assert.Equal(singleHits, hits);
        }
    }

    [Fact]
    public void ProcessLines_HitHandlerChangesTheIndex_TheChangeAppliesToLaterLines()
    {
        var index = new IndicatorIndex(new Lines.FixedClock());
        var first = Indicators.Make("[ipv4-addr:value = '198.51.100.7']");
        var second = Indicators.Make("[ipv4-addr:value = '198.51.100.8']");
        index.Apply(first);
        var seen = new List<string>();
        var session = new DetectionSession(index, SensorFormat.Eve, new SightingAggregator(new SightingOptions { Sensor = "s" }), onHit: (hit, _) =>
        {
            seen.Add(hit.IndicatorId);
            index.Apply(second);
        });
        session.ProcessLines(Encoding.UTF8.GetBytes(Flow("198.51.100.7") + "\n"));
        session.ProcessLines(Encoding.UTF8.GetBytes(Flow("198.51.100.8")));
        Assert.Equal([Indicators.IdOf(first), Indicators.IdOf(second)], seen);
    }

    private static (DetectionSession Session, List<string> Hits) Run(Action<DetectionSession> feed)
    {
        var index = new IndicatorIndex(new Lines.FixedClock());
        for (var i = 0; i < Patterns.Length; i++)
        {
            index.Apply(Indicators.Make(Patterns[i], "indicator--" + new Guid(i + 1, 0, 0, new byte[8])));
        }

        var hits = new List<string>();
        var session = new DetectionSession(index, SensorFormat.Eve, new SightingAggregator(new SightingOptions { Sensor = "s" }),
            onHit: (hit, ticks) => hits.Add(string.Create(CultureInfo.InvariantCulture, $"{hit.IndicatorId} {ticks}")));
        feed(session);
        return (session, hits);
    }

    private static string Lines(int count, Random random)
    {
        string[] ips = ["198.51.100.7", "203.0.113.5", "192.0.2.9", "10.0.0.1"];
        string[] domains = ["evil.example", "x.bad.example", "stage.example", "ok.example"];
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var time = new DateTime(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc).AddSeconds(i * 7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            lines.Add(random.Next(3) switch
            {
                0 => Flow(ips[random.Next(ips.Length)], time, random.Next(2) == 0 ? 443 : 80),
                1 => $$$"""{"timestamp":"{{{time}}}","src_ip":"10.1.1.1","dest_ip":"10.53.0.1","proto":"UDP","dns":{"rrname":"{{{domains[random.Next(domains.Length)]}}}"}}""",
                _ => random.Next(10) == 0 ? "not json" : "",
            });
        }

        return string.Join("\n", lines);
    }

    private static string Flow(string destination, string time = "2024-01-15T10:00:00Z", int port = 443) =>
        $$"""{"timestamp":"{{time}}","src_ip":"10.1.1.1","dest_ip":"{{destination}}","dest_port":{{port}},"proto":"TCP"}""";
}
