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
}
