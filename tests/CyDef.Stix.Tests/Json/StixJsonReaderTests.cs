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

    [Theory]
    [InlineData(0, false)]
    [InlineData(7, false)]
    [InlineData(7, true)]
    public void ParseInPlace_SliceOfALargerArray_ReadsAsParseDoes(int offset, bool byteOrderMark)
    {
        const string Json = """{"type":"indicator","name":"Zugriff über \u0022C2\u0022","pattern":"[domain-name:value = 'ö.example']","n":[1,"zwei",{"x":"é"}]}""";
        var text = (byteOrderMark ? "\uFEFF"u8.ToArray() : []).Concat(Encoding.UTF8.GetBytes(Json)).ToArray();
        var array = new byte[offset + text.Length + 5];
        text.CopyTo(array, offset);
        "xxxxx"u8.CopyTo(array.AsSpan(offset + text.Length));

        var value = StixJsonReader.ParseInPlace(array.AsMemory(offset, text.Length)).GetValueOrThrow();

        Assert.True(value["pattern"]!.TryGetUtf8(out var utf8), "an unescaped string stays a slice of the input");
        Assert.Equal(Encoding.UTF8.GetBytes("[domain-name:value = 'ö.example']"), utf8.ToArray());
        Assert.True(value.DeepEquals(StixJsonReader.Parse(Json).GetValueOrThrow()));
        Assert.Equal("[domain-name:value = 'ö.example']", value["pattern"]!.GetString());
        Assert.Equal("Zugriff über \"C2\"", value["name"]!.GetString());
        Assert.Equal("é", value["n"]!.Items[2]["x"]!.GetString());
    }

    [Theory]
    [InlineData("""{"a":[1,2,}""", "$.a[1]", 1, 11)]
    [InlineData("""{"a":1,"a":2}""", "$.a", 1, 8)]
    public void ParseInPlace_MalformedJson_GivesTheSameLocatedError(string json, string path, long line, long column)
    {
        var result = StixJsonReader.ParseInPlace(Encoding.UTF8.GetBytes("  " + json).AsMemory(2));

        Assert.False(result.Success);
        Assert.Equal((path, line, column), (result.Error.Path, result.Error.Line, result.Error.Column));
    }

    [Fact]
    public void ParseInPlace_InvalidUtf8_IsLocatedAsParseLocatesIt()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"a":"ok","b":"bad ?"}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xC3;

        var result = StixJsonReader.ParseInPlace(bytes);

        Assert.False(result.Success);
        Assert.Equal(StixJsonReader.Parse(bytes).Error, result.Error);
        Assert.Equal("$.b", result.Error.Path);
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
    public void Parse_SmallObjectsOfSharedValues_AreEqualButStixObjectsAreNeverOneInstance()
    {
        // Kill chain phases and the like may be one shared instance; STIX objects (with a type) never are.
        const string json = """{"type":"bundle","objects":[{"type":"x-a","lang":"en"},{"type":"x-a","lang":"en"}],"k":[{"kill_chain_name":"k","phase_name":"p"},{"kill_chain_name":"k","phase_name":"p"},{"kill_chain_name":"k","phase_name":"q"}]}""";

        var bundle = StixJsonReader.Parse(json).GetValueOrThrow();

        var objects = bundle["objects"]!.Items;
        Assert.NotSame(objects[0], objects[1]);
        Assert.True(objects[0].DeepEquals(objects[1]));
        var phases = bundle["k"]!.Items;
        Assert.True(phases[0].DeepEquals(phases[1]));
        Assert.Equal("q", phases[2]["phase_name"]!.GetString());
        Assert.Equal(json, bundle.ToString());
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
    public void Parse_Strings_AreDecodedOnceToOneInstance()
    {
        var value = StixJsonReader.Parse("""{"name":"é€😀","description":"a\"b\u0021"}""").GetValueOrThrow();

        Assert.Equal("é€😀", value["name"]!.GetString());
        Assert.Same(value["name"]!.GetString(), value["name"]!.AsString());
        Assert.Equal("a\"b!", value["description"]!.GetString());
        Assert.Equal("", StixJsonReader.Parse("""{"a":""}""").GetValueOrThrow()["a"]!.GetString());
        Assert.Equal("last", StixJsonReader.Parse("\"last\"").GetValueOrThrow().GetString());
    }

    [Fact]
    public void GetString_OnManyThreadsAtOnce_GivesOneInstance()
    {
        for (var round = 0; round < 20; round++)
        {
            var name = StixJsonReader.Parse("""{"name":"asked for by all"}""").GetValueOrThrow()["name"]!;
            var seen = new string[4];
            Parallel.For(0, seen.Length, i => seen[i] = name.GetString());

            Assert.All(seen, text => Assert.Same(seen[0], text));
        }
    }

    [Fact]
    public void Parse_UndecodedAndDecodedStrings_CompareAndWriteAlike()
    {
        const string json = """{"name":"é€😀 <b> & 'q'","list":["x","\u00e9"],"n":"\u2028"}""";
        var undecoded = StixJsonReader.Parse(json).GetValueOrThrow();
        var decoded = StixJsonReader.Parse(json).GetValueOrThrow();
        var built = StixValue.Object([new("name", StixValue.String("é€😀 <b> & 'q'")), new("list", StixValue.Array(["x", "é"])), new("n", StixValue.String("\u2028"))]);
        _ = decoded["name"]!.GetString();
        _ = decoded["list"]!.Items[0].GetString();

        Assert.Equal(built.ToString(), undecoded.ToString());
        Assert.Equal(built.ToString(), decoded.ToString());
        Assert.True(undecoded.DeepEquals(decoded));
        Assert.True(undecoded.DeepEquals(built));
        Assert.False(undecoded.DeepEquals(StixJsonReader.Parse(json.Replace("<b>", "<i>", StringComparison.Ordinal)).GetValueOrThrow()));
    }

    [Fact]
    public void Parse_ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat("{\"a\":1}"u8.ToArray()).ToArray();

        Assert.True(StixJsonReader.Parse(bytes).Success);
    }
}
