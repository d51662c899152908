using CyDef.Stix.Json;

namespace CyDef.Stix.Tests.Json;

public sealed class StixJsonWriterTests
{
    [Theory]
    [InlineData("""{"type":"indicator","created":"2016-01-20T12:31:12.1Z","n":1.50,"x":[1e3,-0],"s":"é \"q\" <>"}""")]
    [InlineData("""[]""")]
    [InlineData("""{"nested":{"a":{"b":[{"c":true}]}}}""")]
    public void ToJsonString_Compact_WritesTheInputBack(string json)
    {
        var value = StixJsonReader.Parse(json).GetValueOrThrow();

        Assert.Equal(json, StixJsonWriter.ToJsonString(value));
    }

    [Fact]
    public void ToJsonString_NullPropertyValue_IsLeftOut()
    {
        var value = StixJsonReader.Parse("""{"a":null,"b":1}""").GetValueOrThrow();

        Assert.Equal("""{"b":1}""", StixJsonWriter.ToJsonString(value));
    }

    [Fact]
    public void DeepEquals_IgnoresPropertyOrderButNotArrayOrder()
    {
        var a = StixJsonReader.Parse("""{"a":1,"b":[1,2]}""").GetValueOrThrow();
        var b = StixJsonReader.Parse("""{"b":[1,2],"a":1.0}""").GetValueOrThrow();
        var c = StixJsonReader.Parse("""{"b":[2,1],"a":1}""").GetValueOrThrow();

        Assert.True(a.DeepEquals(b));
        Assert.False(a.DeepEquals(c));
    }

    [Fact]
    public void ToUtf8Bytes_OneCallAfterAnother_EachGivesExactlyItsValue()
    {
        // The buffer and writers are reused per thread: a short value after a long one, an indented one between
        // compact ones, and a value larger than the kept buffer must each come out whole and alone.
        var large = StixJsonReader.Parse("{\"s\":\"" + new string('x', 2 * 1024 * 1024) + "\"}").GetValueOrThrow();
        var cases = new[]
        {
            ("""{"type":"indicator","description":"a longer value written first","labels":["a","b","c"]}""", false),
            ("""{"a":1}""", false),
            ("""{"a":[1,2]}""", true),
            ("""[]""", false),
        };

        foreach (var round in new[] { 1, 2 })
        {
            foreach (var (json, indented) in cases)
            {
                var value = StixJsonReader.Parse(json).GetValueOrThrow();
                using var fresh = new MemoryStream();
                StixJsonWriter.WriteTo(fresh, value, indented);
                var expected = System.Text.Encoding.UTF8.GetString(fresh.ToArray());

                if (!indented)
                {
                    Assert.Equal(json, expected);
                }

                Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(StixJsonWriter.ToUtf8Bytes(value, indented)));
                Assert.Equal(expected, StixJsonWriter.ToJsonString(value, indented));
            }

            Assert.Equal(2 * 1024 * 1024 + 8, StixJsonWriter.ToUtf8Bytes(large).Length);
        }
    }

    [Fact]
    public void ToJsonString_Indented_LaysOutNumbersLikeOtherValues_WithTheirText()
    {
        var value = StixJsonReader.Parse("""{"n":1.50,"x":[1e3,-0,2]}""").GetValueOrThrow();

        var indented = StixJsonWriter.ToJsonString(value, indented: true).ReplaceLineEndings("\n");

        Assert.Equal("{\n  \"n\": 1.50,\n  \"x\": [\n    1e3,\n    -0,\n    2\n  ]\n}", indented);
    }
}
