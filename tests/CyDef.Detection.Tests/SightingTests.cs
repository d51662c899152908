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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TakeChanged_RandomHitsAndForgets_EqualACountPerIdAndWindow(int seed)
    {
        // Canonical ids (kept as their UUID), ids with an upper-case UUID or of other forms (kept as strings), over
        // several windows, taken and forgotten at random: each sighting taken is the model's count, first and last
        // seen for its very id and window, under the id its derivation gives.
        var random = new Random(seed);
        string[] ids =
        [
            "indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1", "indicator--0b7f3c52-8f0a-4c55-9b5e-3f1f4d2a7c10",
            "indicator--A5C5C1A4-3E87-4A38-9A59-0C0A6AC4F3B1", "indicator--a5c5c1a43e874a389a590c0a6ac4f3b1",
            "indicator--{a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1}", "x-indicator--a5c5c1a4-3e87-4a38-9a59-0c0a6ac4f3b1", "indicator--",
        ];
        var window = TimeSpan.FromMinutes(10).Ticks;
        var aggregator = new SightingAggregator(new SightingOptions { Sensor = "sensor-1", Window = TimeSpan.FromTicks(window) });
        var model = new Dictionary<(string Id, long Window), (long Count, long First, long Last, bool Changed)>();
        var now = Base.Ticks;
        for (var step = 0; step < 3_000; step++)
        {
            var roll = random.Next(100);
            if (roll < 85)
            {
                now += random.Next(0, 20) * TimeSpan.TicksPerSecond;
                var id = ids[random.Next(ids.Length)];
                aggregator.Add(new Hit(id, []), now);
                var key = (id, now - (now % window));
                var (count, first, last, _) = model.GetValueOrDefault(key, (0, long.MaxValue, long.MinValue, false));
                model[key] = (count + 1, Math.Min(first, now), Math.Max(last, now), true);
            }
            else if (roll < 95)
            {
                var taken = aggregator.TakeChanged();
                var expected = model.Where(p => p.Value.Changed).ToList();
                Assert.Equal(expected.Count, taken.Count);
                foreach (var sighting in taken)
                {
                    var id = sighting["sighting_of_ref"]!.GetString()!;
                    var start = Stix.StixTimestamp.Parse(sighting["created"]!.GetString()!).UtcDateTime.Ticks;
                    var (count, first, last, _) = model[(id, start)];
                    Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), sighting["count"]!.GetRawNumber());
                    Assert.Equal(Stix.StixTimestamp.FromDateTime(new DateTime(first, DateTimeKind.Utc), 6).ToString(), sighting["first_seen"]!.GetString());
                    Assert.Equal(Stix.StixTimestamp.FromDateTime(new DateTime(last, DateTimeKind.Utc), 6).ToString(), sighting["last_seen"]!.GetString());
                    Assert.Equal("sighting--" + Stix.DeterministicId.UuidV5(SightingAggregator.Namespace, $"{id}|{aggregator.SensorIdentityId}|{start}"), sighting["id"]!.GetString());
                }

                foreach (var (key, value) in expected)
                {
                    model[key] = value with { Changed = false };
                }
            }
            else
            {
                var before = now - (random.Next(0, 3) * window);
                aggregator.Forget(before);
                foreach (var key in model.Where(p => !p.Value.Changed && p.Key.Window + window <= before).Select(p => p.Key).ToList())
                {
                    model.Remove(key);
                }
            }

            Assert.Equal(model.Count, aggregator.Count);
        }
    }
}
