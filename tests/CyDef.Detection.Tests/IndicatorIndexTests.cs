using System.Text;
using CyDef.Detection.Index;
using CyDef.Detection.Readers;

namespace CyDef.Detection.Tests;

public sealed class IndicatorIndexTests
{
    private static readonly Lines.FixedClock Clock = new();

    [Fact]
    public void KnownPaths_AreCanonical()
    {
        foreach (var path in KnownPaths.Paths)
        {
            var pattern = Patterns.StixPattern.Parse($"[EXISTS {path}]").Value!;
            var comparison = (Patterns.ExistsComparison)((Patterns.BracketedObservation)pattern.Expression).Comparison;
            Assert.Equal(path, comparison.Path.ToString());
        }
    }

    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.7']", IndicatorChange.AddedExact)]
    [InlineData("[network-traffic:dst_ref.value = '198.51.100.7' OR domain-name:value IN ('a.example', 'b.example')]", IndicatorChange.AddedExact)]
    [InlineData("[process:name = 'evil.exe']", IndicatorChange.AddedPattern)]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", IndicatorChange.AddedPattern)]
    [InlineData("[domain-name:value = 'a.example'] FOLLOWEDBY [url:value = 'http://a.example/x']", IndicatorChange.AddedPattern)]
    [InlineData("[ipv4-addr:value = ", IndicatorChange.Ignored)]
    public void Apply_Pattern_GoesWhereItBelongs(string pattern, IndicatorChange expected) =>
        Assert.Equal(expected, new IndicatorIndex(Clock).Apply(Indicators.Make(pattern)));

    [Fact]
    public void Apply_Validity_IsJudgedByTheClock()
    {
        var clock = new Lines.FixedClock();
        var index = new IndicatorIndex(clock);
        var later = Indicators.Make("[ipv4-addr:value = '198.51.100.8']", validFrom: "2024-01-15T12:00:05Z");
        Assert.Equal(IndicatorChange.Removed, index.Apply(Indicators.Make("[ipv4-addr:value = '198.51.100.7']", validUntil: "2024-01-15T11:00:00Z")));
        Assert.Equal(IndicatorChange.Removed, index.Apply(Indicators.Make("[ipv4-addr:value = '198.51.100.7']", revoked: true)));
        Assert.Equal(IndicatorChange.Pending, index.Apply(later));
        var soon = Indicators.Make("[ipv4-addr:value = '198.51.100.9']", validUntil: "2024-01-15T12:00:10Z");
        var soonPattern = Indicators.Make("[ipv4-addr:value ISSUBSET '192.0.2.0/24']", validUntil: "2024-01-15T12:00:10Z");
        index.Apply(soon);
        index.Apply(soonPattern);
        Assert.Equal(["indicator-none"], Hits(index, "198.51.100.8"));
        Assert.Equal([Indicators.IdOf(soon)], Hits(index, "198.51.100.9"));
        Assert.Equal([Indicators.IdOf(soonPattern)], Hits(index, "192.0.2.1"));
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 12, 0, 5, TimeSpan.Zero), index.NextChange);
        clock.Now = clock.Now.AddSeconds(6);
        Assert.Equal(1, index.Advance());
        Assert.Equal([Indicators.IdOf(later)], Hits(index, "198.51.100.8"));
        clock.Now = clock.Now.AddSeconds(6);
        Assert.Equal(2, index.Advance());
        Assert.Equal(["indicator-none"], Hits(index, "198.51.100.9"));
        Assert.Equal(["indicator-none"], Hits(index, "192.0.2.1"));
        Assert.Null(index.NextChange);
    }

    [Fact]
    public void Apply_NewVersion_ReplacesAndRevocationRemoves()
    {
        var index = new IndicatorIndex(Clock);
        var id = "indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1";
        index.Apply(Indicators.Make("[ipv4-addr:value = '198.51.100.7']", id));
        Assert.Equal([id], Hits(index, "198.51.100.7"));
        index.Apply(Indicators.Make("[ipv4-addr:value = '198.51.100.8']", id, modified: "2024-01-02T00:00:00.000Z"));
        Assert.Equal(["indicator-none"], Hits(index, "198.51.100.7"));
        Assert.Equal([id], Hits(index, "198.51.100.8"));
        index.Apply(Indicators.Make("[ipv4-addr:value = '198.51.100.8']", id, revoked: true));
        Assert.Equal(["indicator-none"], Hits(index, "198.51.100.8"));
        Assert.Equal(0, index.ExactCount);
    }

    [Fact]
    public void Remove_ManyIndicators_LeavesTheOthersFindable()
    {
        var index = new IndicatorIndex(Clock);
        var ids = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var indicator = Indicators.Make($"[ipv4-addr:value = '10.{i / 256}.{i % 256}.1' OR domain-name:value = 'd{i}.example']");
            ids.Add(Indicators.IdOf(indicator));
            index.Apply(indicator);
        }

        for (var i = 0; i < 3000; i += 2)
        {
            Assert.True(index.Remove(ids[i]));
        }

        for (var i = 0; i < 3000; i += 97)
        {
            Assert.Equal(i % 2 == 0 ? ["indicator-none"] : [ids[i]], Hits(index, $"10.{i / 256}.{i % 256}.1"));
        }

        Assert.Equal(1500, index.ExactCount);
    }

    /// <summary>The destination address of a flow record matched against the index: the ids hit, or "indicator-none".</summary>
    [Fact]
    public void Match_ValueOnTwoPathsOrTwice_EachIndicatorOnce()
    {
        // The exact table asks its filter once per value: a destination on ipv4-addr:value and on
        // network-traffic:dst_ref.value, and a name a DNS record gives twice, still find every indicator, once.
        var index = new IndicatorIndex(Clock);
        var address = Indicators.Make("[ipv4-addr:value = '198.51.100.7']");
        var destination = Indicators.Make("[network-traffic:dst_ref.value = '198.51.100.7']");
        var name = Indicators.Make("[domain-name:value = 'bad.example']");
        var removed = Indicators.Make("[network-traffic:src_ref.value = '198.51.100.7']");
        foreach (var indicator in new[] { address, destination, name, removed })
        {
            index.Apply(indicator);
        }

        index.Apply(Indicators.Make("[network-traffic:src_ref.value = '198.51.100.7']", id: Indicators.IdOf(removed), revoked: true,
            modified: "2024-01-02T00:00:00.000Z"));
        var e = new SensorEvent();
        SensorRecordReader.For(SensorFormat.Eve).Read(Encoding.UTF8.GetBytes("""{"timestamp":"2024-01-15T12:00:00Z","src_ip":"198.51.100.7","dest_ip":"198.51.100.7","dns":{"rrname":"bad.example","answers":[{"rrname":"bad.example","rdata":"bad.example"}]}}"""), e, out _);
        var hits = new List<Hit>();
        index.Match(e, new MatchScratch(index, null), hits);
        Assert.Equal(new[] { address, destination, name }.Select(Indicators.IdOf).Order(StringComparer.Ordinal),
            hits.Select(h => h.IndicatorId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Match_ValueAddedAfterAnAsciiLine_IsNotTakenForAscii()
    {
        // The reader found the line ASCII; a value added afterwards is not, and the probe must not hash its bytes as
        // if it were: the suffix's last thirteen characters are not its last thirteen bytes.
        var index = new IndicatorIndex(Clock);
        var suffix = Indicators.Make("[domain-name:value LIKE '%\u00fccher.example']");
        index.Apply(suffix);
        var e = new SensorEvent();
        SensorRecordReader.For(SensorFormat.Eve).Read("""{"timestamp":"2024-01-15T12:00:00Z","src_ip":"10.0.0.1","dest_ip":"10.0.0.2"}"""u8, e, out _);
        e.Add(EventField.Domain, Encoding.UTF8.GetBytes("www.b\u00fccher.example"));
        var hits = new List<Hit>();
        index.Match(e, new MatchScratch(index, null), hits);
        Assert.Equal([Indicators.IdOf(suffix)], hits.Select(h => h.IndicatorId));
    }

    internal static List<string> Hits(IndicatorIndex index, string ip)
    {
        var e = new SensorEvent();
        SensorRecordReader.For(SensorFormat.Eve).Read(Encoding.UTF8.GetBytes($$"""{"timestamp":"2024-01-15T12:00:00Z","src_ip":"10.255.255.254","dest_ip":"{{ip}}","dest_port":443,"proto":"TCP"}"""), e, out _);
        var hits = new List<Hit>();
        index.Match(e, new MatchScratch(index, null), hits);
        return hits.Count == 0 ? ["indicator-none"] : [.. hits.Select(h => h.IndicatorId).Order(StringComparer.Ordinal)];
    }
}
