using System.Globalization;
using System.Text;
using CsCheck;
using CyDef.Detection.Readers;

namespace CyDef.Detection.Tests;

/// <summary>ISO times parsed with the reader's remembered minute give what a parse from nothing gives.</summary>
public sealed class TimestampTests
{
    [Theory]
    [InlineData("2024-01-15T10:00:00.123456+0000", "2024-01-15T10:00:00.1234560Z")]
    [InlineData("2024-01-15 10:00:59Z", "2024-01-15T10:00:59.0000000Z")]
    [InlineData("2024-01-15T10:00:30-01:30", "2024-01-15T11:30:30.0000000Z")]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.0000000Z")]
    public void TryParseIso_KnownTimes(string text, string expected)
    {
        IsoMinute last = default;
        Assert.True(Timestamps.TryParseIso(Encoding.ASCII.GetBytes(text), ref last, out var ticks));
        Assert.Equal(expected, new DateTime(ticks, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParseIso_Sequences_SameWithTheRememberedMinute()
    {
        // Times that share their minute with the one before, or not; and damaged ones (bad days, seconds, offsets).
        var minute = Gen.OneOf("2024-01-15T10:00", "2024-01-15T10:01", "2024-02-29T23:59", "2023-02-29T10:00", "2024-13-01T00:00",
            "2024-01-15 10:00", "2024-01-15T24:00", "0001-01-01T00:00", "2024-01-15T10:0x");
        var rest = Gen.OneOf(":00Z", ":59.999999+0000", ":60Z", ":61Z", ":07.5-0130", ":07+01:00", ":7Z", ":07", ":07.123456789Z", ":07+1", "");
        Gen.Select(minute, rest).Array[1, 12].Sample(times =>
        {
            IsoMinute last = default;
            foreach (var (m, r) in times)
            {
                var bytes = Encoding.ASCII.GetBytes(m + r);
                var expected = (Timestamps.TryParseIso(bytes, out var fresh), fresh);
                Assert.Equal(expected, (Timestamps.TryParseIso(bytes, ref last, out var remembered), remembered));
            }
        }, iter: 2000);
    }
}
