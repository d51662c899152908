using System.Text;
using CyDef.Stix.Json;

namespace CyDef.Stix.Tests.Json;

public sealed class StixJsonReaderTests
{
    [Fact]
    public void Parse_Object_KeepsPropertyOrderNumberTextAndTimestampDigits()
    {
        var value = StixJsonReader.Parse("""{"b":1.50,"a":"2016-01-20T12:31:12.1234567Z","c":[true,false],"d":{"x":-0}}""").GetValueOrThrow();

        Assert.Equal(["b", "a", "c", "d"], value.Properties.ToArray().Select(p => p.Name));
        Assert.Equal("1.50", value["b"]!.GetRawNumber());
        Assert.Equal("2016-01-20T12:31:12.1234567Z", value["a"]!.GetString());
        Assert.True(value["c"]!.Items[0].GetBoolean());
        Assert.Equal("-0", value["d"]!["x"]!.GetRawNumber());
    }

    [Theory]
    [InlineData("""{"type":"indicator","name":"x" """, "$.name", 1, 32)]
    [InlineData("""{"a":[1,2,}""", "$.a[1]", 1, 11)]
    [InlineData("""{"a":1,"a":2}""", "$.a", 1, 8)]
    [InlineData("""{"a":{"b":tru}}""", "$.a.b", 1, 14)]
    [InlineData("{\n  \"a\": 1,\n  \"a\": 2\n}", "$.a", 3, 3)]
    [InlineData("", "$", 1, 1)]
    [InlineData("""{"a":1} {"b":2}""", "$", 1, 9)]
    public void Parse_MalformedJson_GivesLocatedError(string json, string path, long line, long column)
    {
        var result = StixJsonReader.Parse(json);

        Assert.False(result.Success);
        Assert.Equal(path, result.Error.Path);
        Assert.Equal(line, result.Error.Line);
        Assert.Equal(column, result.Error.Column);
    }

    [Fact]
    public void Parse_DuplicateKey_NamesTheKey()
    {
        var error = StixJsonReader.Parse("""{"type":"x","type":"y"}""").Error!;

        Assert.Contains("duplicate key 'type'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"x","\u0074ype":"y"}""", "type")]
    [InlineData("""{"x_a":1,"x_\u0061":2}""", "x_a")]
    [InlineData("""{"x_custom":1,"name":"n","description":"d","x_custom":2}""", "x_custom")]
    [InlineData("""{"a":{"b":1,"c":2,"b":3}}""", "b")]
    public void Parse_DuplicateKeyWrittenDifferentlyOrFarApart_IsFound(string json, string key)
    {
        var error = StixJsonReader.Parse(json).Error!;

        Assert.Contains($"duplicate key '{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SharedValues_AreEqualAcrossObjects()
    {
        // Repeating values (types, vocabulary terms, marking references) may be shared between reads.
        var first = StixJsonReader.Parse("""{"type":"indicator","pattern_type":"stix","confidence":7}""").Value!;
        var second = StixJsonReader.Parse("""{"type":"indicator","pattern_type":"stix\u0021","confidence":70}""").Value!;

        Assert.Equal("stix", first["pattern_type"]!.GetString());
        Assert.Equal("stix!", second["pattern_type"]!.GetString());
        Assert.Equal("7", first["confidence"]!.GetRawNumber());
        Assert.Equal("70", second["confidence"]!.GetRawNumber());
    }

    [Fact]
    public void Parse_TenThousandLevelsOfNesting_FailsAtTheDepthLimit()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var result = StixJsonReader.Parse(json);

        Assert.False(result.Success);
        Assert.Contains("depth", result.Error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, result.Error.Offset);
    }

    [Fact]
    public void Parse_InvalidUtf8_FailsWithOffset()
    {
        byte[] bytes = [.. "{\"name\":\"ab"u8, 0xC3, 0x28, .. "\"}"u8];

        var result = StixJsonReader.Parse(bytes);

        Assert.False(result.Success);
        Assert.Equal("$.name", result.Error.Path);
        Assert.Contains("UTF-8", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TenMegabyteString_IsReadWhole()
    {
        var big = new string('a', 10 * 1024 * 1024);

        var value = StixJsonReader.Parse($$"""{"description":"{{big}}"}""").GetValueOrThrow();

        Assert.Equal(big.Length, value["description"]!.GetString().Length);
    }

    [Fact]
    public void Parse_UnterminatedTenMegabyteString_FailsAtTheEnd()
    {
        var json = "{\"description\":\"" + new string('a', 10 * 1024 * 1024);

        var result = StixJsonReader.Parse(json);

        Assert.False(result.Success);
        Assert.Equal("$.description", result.Error.Path);
    }

    [Fact]
    public void Parse_OffsetsCountCharactersNotBytes()
    {
        var result = StixJsonReader.Parse("{\"name\":\"é€😀\",\"name\":1}");

        Assert.Equal(14, result.Error!.Offset);
    }

    [Fact]
    public void Parse_ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat("{\"a\":1}"u8.ToArray()).ToArray();

        Assert.True(StixJsonReader.Parse(bytes).Success);
    }
}
