using System.Text;
using CyDef.Detection.Sightings;

namespace CyDef.Detection.Tests;

/// <summary>Bad input is counted and skipped with its reason; the stream goes on.</summary>
public sealed class HostileInputTests
{
    private const string Good = """{"timestamp":"2024-01-15T10:00:00Z","event_type":"flow","src_ip":"10.0.0.5","dest_ip":"198.51.100.7"}""";

    [Theory]
    [InlineData("""{"timestamp":"2024-01-15T10:00:00Z","src_ip":"10.0.0.5","dest""", SkipReason.Truncated)]
    [InlineData("""{"timestamp":"2024-01-15T10:00:00Z","src_ip":10.0.0.5}""", SkipReason.Malformed)]
    [InlineData("""[1,2,3]""", SkipReason.Malformed)]
    [InlineData("""{"timestamp":"2024-01-15T10:00:00Z"} {"a":1}""", SkipReason.Malformed)]
    [InlineData("""{"src_ip":"10.0.0.5"}""", SkipReason.BadTimestamp)]
    [InlineData("""{"timestamp":"2024-02-30T10:00:00Z","src_ip":"10.0.0.5"}""", SkipReason.BadTimestamp)]
    [InlineData("""{"timestamp":"2024-01-15T10:00:00Z","src_ip":"10.0.0.5","src_ip":"10.0.0.6"}""", null)]
    public void Read_BadEveLine_IsSkippedWithReason(string line, SkipReason? reason)
    {
        var (result, got, _, _) = Lines.Read(SensorFormat.Eve, line);
        Assert.Equal(reason is null ? LineResult.Event : LineResult.Skipped, result);
        if (reason is { } expected)
        {
            Assert.Equal(expected, got);
        }
    }

    [Theory]
    [InlineData(SensorFormat.Eve, "src_ip")]
    [InlineData(SensorFormat.Eve, "http\":{\"url")]
    [InlineData(SensorFormat.Zeek, "id.orig_h")]
    public void Read_LoneSurrogateEscapeInATakenValue_IsMalformed(SensorFormat format, string name)
    {
        // JSON by the grammar, but the escape is no text: the line is refused (it used to escape the reader as an exception).
        var line = "{\"timestamp\":\"2024-01-15T10:00:00Z\",\"ts\":1,\"" + name + "\":\"a\\uD800b\"" + (name.Contains('{', StringComparison.Ordinal) ? "}" : "") + "}";
        var (result, reason, _, _) = Lines.Read(format, line);
        Assert.Equal((LineResult.Skipped, SkipReason.Malformed), (result, reason));
    }

    [Theory]
    [InlineData(SensorFormat.Eve)]
    [InlineData(SensorFormat.Zeek)]
    public void Read_DeepNesting_IsTooDeep(SensorFormat format)
    {
        var line = """{"timestamp":"2024-01-15T10:00:00Z","ts":1,"alert":""" + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.Equal(SkipReason.TooDeep, Lines.Read(format, line).Reason);
    }

    [Fact]
    public void Process_HostileStream_CountsEachBadLineAndMatchesTheRest()
    {
        var index = new IndicatorIndex(new Lines.FixedClock());
        index.Apply(Indicators.Make("[ipv4-addr:value = '198.51.100.7']"));
        var input = new MemoryStream();
        void Write(string s) => input.Write(Encoding.UTF8.GetBytes(s));
        Write(Good + "\n");
        Write("""{"timestamp":"2024-01-15T10:00:00Z","src_ip":"\xFF""" + "\n");
        input.Write([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A]); // {"\xC3("} : invalid UTF-8
        Write("{\"timestamp\":\"2024-01-15T10:00:00Z\",\"x\":\"" + new string('a', DetectionSession.MaxLineBytes + 10) + "\"}\n");
        Write(Good + "\r\n");
        Write("{\"timestamp\":\"2024-01-15T10:00:00Z\",\"a\":" + new string('[', 100) + "\n");
        Write("\n   \n");
        Write(Good);
        input.Position = 0;
        var session = new DetectionSession(index, SensorFormat.Eve, new SightingAggregator(new SightingOptions { Sensor = "s" }));
        session.Process(input);
        Assert.Equal(3, session.Stats.Events);
        Assert.Equal(3, session.Stats.Hits);
        Assert.Equal(1, session.Stats.SkippedFor(SkipReason.InvalidUtf8));
        Assert.Equal(1, session.Stats.SkippedFor(SkipReason.TooLong));
        Assert.Equal(1, session.Stats.SkippedFor(SkipReason.TooDeep));
        Assert.Equal(1, session.Stats.SkippedFor(SkipReason.Truncated));
        Assert.Equal(4, session.Stats.Skipped);
        Assert.Equal([(2L, SkipReason.Truncated), (3L, SkipReason.InvalidUtf8), (4L, SkipReason.TooLong), (6L, SkipReason.TooDeep)], session.Stats.FirstSkipped);
    }

    [Fact]
    public void Event_TooManyValues_DropsTheRest()
    {
        var line = """{"timestamp":"2024-01-15T10:00:00Z","smtp":{"rcpt_to":[""" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"a{i}@b.example\"")) + "]}}";
        var (result, _, values, e) = Lines.Read(SensorFormat.Eve, line);
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(SensorEvent.MaxValues, values.Count);
        Assert.Equal(500 - SensorEvent.MaxValues, e.Dropped);
    }
}
