using CyDef.Stix.Json;

namespace CyDef.Stix.Tests.Json;

/// <summary>Cases from RFC 8785 §3.2.2.3 and Appendix B.</summary>
public sealed class JsonCanonicalizerTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("1E30", "1e+30")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("0.000000000000000000000000001", "1e-27")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("-1.5e-8", "-1.5e-8")]
    [InlineData("9007199254740992", "9007199254740992")]
    [InlineData("295147905179352830000", "295147905179352830000")]
    public void Canonicalize_Number_WritesItAsEcmaScriptDoes(string json, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(StixValue.Number(json)));
    }

    [Fact]
    public void Canonicalize_Object_SortsKeysByUtf16CodeUnits()
    {
        var value = StixJsonReader.Parse("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}").GetValueOrThrow();

        var expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(value));
    }

    [Fact]
    public void Canonicalize_String_EscapesOnlyWhatJsonRequires()
    {
        var value = StixValue.String("a\"b\\c\n\u0001/é<");

        Assert.Equal("\"a\\\"b\\\\c\\n\\u0001/é<\"", JsonCanonicalizer.Canonicalize(value));
    }
}
