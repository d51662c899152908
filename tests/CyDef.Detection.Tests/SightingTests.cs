using CyDef.Detection.Sightings;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Detection.Tests;

public sealed class SightingTests
{
    private static readonly DateTime Base = new(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TakeChanged_Flood_GivesOneSightingPerIndicatorSensorAndWindow()
    {
        var aggregator = new SightingAggregator(new SightingOptions { Sensor = "sensor-1", CreatedByRef = "identity--b3c7d1a2-1111-4222-8333-444455556666" });
        var hit = new Hit("indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1", ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]);
        for (var i = 0; i < 100_000; i++)
        {
            aggregator.Add(hit, Base.AddMilliseconds(i * 10).Ticks);
        }

        aggregator.Add(hit, Base.AddHours(1).AddSeconds(5).Ticks);
        var sightings = aggregator.TakeChanged();
        Assert.Equal(2, sightings.Count);
        var first = sightings.Single(s => s["count"]!.GetRawNumber() == "100000");
        Assert.Equal("2024-01-15T10:00:00.000000Z", first["first_seen"]!.GetString());
        Assert.Equal("2024-01-15T10:16:39.990000Z", first["last_seen"]!.GetString());
        Assert.Equal("2024-01-15T10:00:00.000Z", first["created"]!.GetString());
        Assert.Equal("2024-01-15T10:16:39.990Z", first["modified"]!.GetString());
        Assert.Equal(hit.IndicatorId, first["sighting_of_ref"]!.GetString());
        Assert.Equal(aggregator.SensorIdentityId, first["where_sighted_refs"]!.Items[0].GetString());
        Assert.Equal(hit.Markings[0], first["object_marking_refs"]!.Items[0].GetString());
        foreach (var sighting in sightings.Append(aggregator.SensorIdentity()))
        {
            var report = StixValidator.ValidateObject(sighting);
            Assert.True(report.HasNoErrors, string.Join("; ", report.Errors.Select(e => e.ToString())));
        }

        Assert.Empty(aggregator.TakeChanged());
        aggregator.Add(hit, Base.AddMinutes(10).Ticks);
        var next = Assert.Single(aggregator.TakeChanged());
        Assert.Equal(first["id"]!.GetString(), next["id"]!.GetString());
        Assert.Equal("100001", next["count"]!.GetRawNumber());
        Assert.Equal("2024-01-15T10:16:39.991Z", next["modified"]!.GetString());
    }

    [Theory]
    [InlineData("indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1", "sensor-1")]
    [InlineData("indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1-with-a-suffix-long-enough-that-three-bytes-a-character-for-it-and-the-sensor-identity-pass-five-hundred-and-twelve-bytes-so-the-name-is-written-to-the-heap-not-the-stack-and-still-gives-the-same-id", "sensor-2")]
    public void TakeChanged_SightingId_IsTheUuidV5OfIndicatorSensorAndWindow(string indicator, string sensor)
    {
        // The id's derivation is stable across versions (docs/detection.md): peers and re-runs depend on it.
        var aggregator = new SightingAggregator(new SightingOptions { Sensor = sensor });
        aggregator.Add(new Hit(indicator, []), Base.AddMinutes(7).Ticks);
        var sighting = Assert.Single(aggregator.TakeChanged());
        var expected = "sighting--" + Stix.DeterministicId.UuidV5(SightingAggregator.Namespace, $"{indicator}|{aggregator.SensorIdentityId}|{Base.Ticks}");
        Assert.Equal(expected, sighting["id"]!.GetString());
    }

    [Fact]
    public void TakeChanged_SameInputTwice_GivesTheSameSightings()
    {
        string Run()
        {
            var aggregator = new SightingAggregator(new SightingOptions { Sensor = "sensor-1", Window = TimeSpan.FromMinutes(5) });
            aggregator.Add(new Hit("indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1", []), Base.Ticks);
            aggregator.Add(new Hit("indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1", []), Base.AddMinutes(6).Ticks);
            return string.Join("\n", aggregator.TakeChanged().Select(s => StixJsonWriter.ToJsonString(s)));
        }

        var once = Run();
        Assert.Equal(once, Run());
        Assert.Equal(2, once.Split('\n').Length);
    }
}
