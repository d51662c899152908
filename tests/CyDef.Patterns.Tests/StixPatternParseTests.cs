namespace CyDef.Patterns.Tests;

/// <summary>Table-driven tests of <see cref="StixPattern.Parse"/>: valid, invalid, and round trips through ToString.</summary>
public sealed class StixPatternParseTests
{
    [Theory]
    [InlineData("[file:size = 1280]")]
    [InlineData("[file:size != 1280]")]
    [InlineData("[file:size < 1024]")]
    [InlineData("[file:size <= 1024]")]
    [InlineData("[file:size > -1024]")]
    [InlineData("[file:size >= 0]")]
    [InlineData("[file:name IN ('a', 'b', 'it\\'s')]")]
    [InlineData("[file:size IN ()]")]
    [InlineData("[file:name LIKE 'name%']")]
    [InlineData("[file:name NOT LIKE 'name%']")]
    [InlineData("[file:name MATCHES '^a.+\\\\.exe$']")]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/24']")]
    [InlineData("[ipv6-addr:value ISSUPERSET '2001:db8::/32']")]
    [InlineData("[ipv4-addr:value NOT ISSUBSET '198.51.100.7']")]
    [InlineData("[EXISTS windows-registry-key:values]")]
    [InlineData("[NOT EXISTS windows-registry-key:values]")]
    [InlineData("[x-acme:flag = true AND x-acme:other = false]")]
    [InlineData("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']")]
    [InlineData("[file:magic_number_hex = h'ffd8']")]
    [InlineData("[file:magic_number_hex = h'']")]
    [InlineData("[file:created = t'2014-01-13T07:03:17.123456789123Z']")]
    [InlineData("[file:x_score = -0.5]")]
    [InlineData("[file:x_score > .5]")]
    [InlineData("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]")]
    [InlineData("[network-traffic:protocols[0] = 'tcp']")]
    [InlineData("[network-traffic:protocols[-1] = 'tcp']")]
    [InlineData("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']")]
    [InlineData("[file:'quoted name' = 'x']")]
    [InlineData("[a:b = 1] AND [c:d = 2] OR [e:f = 3] FOLLOWEDBY [g:h = 4]")]
    [InlineData("([a:b = 1] FOLLOWEDBY [c:d = 2]) WITHIN 300 SECONDS")]
    [InlineData("[a:b = 1] REPEATS 5 TIMES WITHIN 1800 SECONDS")]
    [InlineData("[a:b = 1] WITHIN 0.5 SECONDS")]
    [InlineData("[a:b = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'")]
    // §9.5.1 requires only timestamps: an empty window is a valid pattern that matches nothing.
    [InlineData("[x:y = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'")]
    [InlineData("[x:y = 1] START t'2016-06-01T00:00:00.5Z' STOP t'2016-06-01T00:00:00.49Z'")]
    [InlineData("([a:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS")]
    [InlineData("([a:b = 1] REPEATS 2 TIMES) REPEATS 2 TIMES")]
    [InlineData("[(a:b = 1 OR c:d = 2) AND (a:e = 3 OR c:f = 4)]")]
    [InlineData("[a:b = 1 AND a:c = 2 OR d:e = 3]")]
    [InlineData("[(a:x = 1 OR b:y = 2) AND (b:z = 1 OR c:w = 1)]")]
    [InlineData("[a:x = 1 AND (a:y = 1 OR b:z = 1)]")]
    [InlineData("[a:b = 'line\nbreak'\u3000AND\u00A0a:c = 2]")]
    public void Parse_ValidPattern_RoundTripsThroughToString(string text)
    {
        var result = StixPattern.Parse(text);

        Assert.True(result.Success, result.Error?.ToString());
        var canonical = result.Value.ToString();
        var again = StixPattern.Parse(canonical);
        Assert.True(again.Success, $"{canonical}: {again.Error}");
        Assert.Equal(result.Value, again.Value);
        Assert.Equal(canonical, again.Value.ToString());
    }

    [Theory]
    [InlineData("[file:size == 1]", "[file:size = 1]")]
    [InlineData("[file:size <> 1]", "[file:size != 1]")]
    [InlineData("  [ file:size=1 ]  ", "[file:size = 1]")]
    [InlineData("[file:size = 1] /* a comment */ AND // another\n [file:size = 2]", "[file:size = 1] AND [file:size = 2]")]
    [InlineData("[file:'name' = 'a']", "[file:name = 'a']")]
    [InlineData("[file:hashes.'MD5' = 'cead3f77f6cda6ec00f57d76c9a6879f']", "[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']")]
    [InlineData("[file:hashes.'IN' = 'x']", "[file:hashes.'IN' = 'x']")]
    [InlineData("[file:magic_number_hex = h'FFD8']", "[file:magic_number_hex = h'ffd8']")]
    [InlineData("[artifact:payload_bin = b'dGhp\ncyBp']", "[artifact:payload_bin = b'dGhpcyBp']")]
    [InlineData("[x:y = 100.250]", "[x:y = 100.25]")]
    [InlineData("[x:y = 123456789012345678901234.0]", "[x:y = 123456789012345690000000.0]")]
    [InlineData("[x:y = 0.0000001]", "[x:y = 0.0000001]")]
    [InlineData("[x:y = -0.0]", "[x:y = -0.0]")]
    [InlineData("(([x:y = 1]))", "[x:y = 1]")]
    [InlineData("[((x:y = 1))]", "[x:y = 1]")]
    [InlineData("([a:b = 1] AND [a:c = 1]) AND [a:d = 1]", "([a:b = 1] AND [a:c = 1]) AND [a:d = 1]")]
    [InlineData("[a:b = 1] AND ([a:c = 1] OR [a:d = 1])", "[a:b = 1] AND ([a:c = 1] OR [a:d = 1])")]
    [InlineData("[a:b = 1] OR [a:c = 1] AND [a:d = 1]", "[a:b = 1] OR ([a:c = 1] AND [a:d = 1])")]
    [InlineData("([a:b = 1] WITHIN 5 SECONDS) REPEATS 2 TIMES", "[a:b = 1] WITHIN 5 SECONDS REPEATS 2 TIMES")]
    [InlineData("([a:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS", "([a:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS")]
    [InlineData("([a:b = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS", "([a:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS")]
    [InlineData("[a:b = 1] WITHIN 300.0 SECONDS", "[a:b = 1] WITHIN 300 SECONDS")]
    public void Parse_ValidPattern_HasCanonicalText(string text, string canonical)
    {
        var result = StixPattern.Parse(text);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal(canonical, result.Value.ToString());
    }

    [Theory]
    [InlineData("", 0, PatternErrorKind.Syntax, null)]
    [InlineData("file:size = 1280", 0, PatternErrorKind.Syntax, null)]
    [InlineData("[file:size = ]", 13, PatternErrorKind.Syntax, null)]
    [InlineData("[file:size = 1", 14, PatternErrorKind.Syntax, null)]
    [InlineData("[file.size = 1280]", 5, PatternErrorKind.Syntax, null)]
    [InlineData("[file:name MATCHES /.*/]", 19, PatternErrorKind.Syntax, null)]
    [InlineData("[file:hashes.\"SHA-256\" = 'a']", 13, PatternErrorKind.Syntax, null)]
    [InlineData("[some-type:needs-quotes = 1]", 11, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 'unterminated]", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 'bad \\n escape']", 12, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 007]", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = h'abc']", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = b'====']", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = b'']", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = t'2024-13-01T00:00:00Z']", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = t'2024-01-01T00:00:00']", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = t'2024-01-01t00:00:00Z']", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = null]", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y < true]", 7, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y LIKE 5]", 10, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y IN (1,)]", 11, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] within 2 seconds", 10, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] WITHIN 5 HOURS", 19, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] WITHIN -5 SECONDS", 17, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] REPEATS 2.5 TIMES", 18, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] START t'2016-06-01T00:00:00Z'", 39, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] AND", 13, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] [x:y = 2]", 10, PatternErrorKind.Syntax, null)]
    [InlineData("[NOT x:y = 1]", 5, PatternErrorKind.Syntax, null)]
    [InlineData("[x:AND = 1]", 3, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] /* never closed", 10, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1 ]]", 10, PatternErrorKind.Syntax, null)]
    [InlineData("[[x:y = 1]]", 1, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 'caf\u00e9'] \u00e9", 15, PatternErrorKind.Syntax, null)]
    [InlineData("[x:y = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS", 27, PatternErrorKind.Semantic, "9.5.1")]
    [InlineData("([x:y = 1] REPEATS 2 TIMES REPEATS 3 TIMES)", 27, PatternErrorKind.Semantic, "9.5.1")]
    [InlineData("[x:y = 1] WITHIN 0 SECONDS", 17, PatternErrorKind.Semantic, "9.5.1")]
    [InlineData("[x:y = 1] WITHIN 0.0 SECONDS", 17, PatternErrorKind.Semantic, "9.5.1")]
    [InlineData("[x:y = 1] REPEATS 0 TIMES", 18, PatternErrorKind.Semantic, "9.5.1")]
    [InlineData("[a:b = 1 AND c:d = 2]", 9, PatternErrorKind.Semantic, "9.5")]
    [InlineData("[(a:b = 1 OR c:d = 2) AND e:f = 3]", 22, PatternErrorKind.Semantic, "9.5")]
    [InlineData("[(a:x = 1 OR b:y = 2) AND (c:z = 1 OR d:w = 1)]", 22, PatternErrorKind.Semantic, "9.5")]
    [InlineData("[a:x = 1 AND (a:y = 1 OR b:z = 1) AND b:w = 1]", 34, PatternErrorKind.Semantic, "9.5")]
    [InlineData("[x:y IN (1, 'a')]", 12, PatternErrorKind.Semantic, "9.6.1")]
    [InlineData("[x:y IN (1, true)]", 12, PatternErrorKind.Semantic, "9.6.1")]
    [InlineData("[x:y MATCHES '(unclosed']", 13, PatternErrorKind.Semantic, "9.6.1")]
    [InlineData("[x:y MATCHES 'a++']", 13, PatternErrorKind.Semantic, "9.6.1")]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/33']", 26, PatternErrorKind.Semantic, "9.6.1")]
    [InlineData("[ipv4-addr:value ISSUBSET '0x7f.1']", 26, PatternErrorKind.Semantic, "9.6.1")]
    [InlineData("[file:hashes.'SHA-256' = 'f00']", 25, PatternErrorKind.Semantic, "2.7")]
    [InlineData("[file:hashes.MD5 IN ('cead3f77f6cda6ec00f57d76c9a6879f', 'x')]", 20, PatternErrorKind.Semantic, "2.7")]
    [InlineData("[x:y = 9007199254740992]", 7, PatternErrorKind.Semantic, "2.10")]
    [InlineData("[x:y = +5]", 7, PatternErrorKind.Semantic, "9.2")]
    [InlineData("[x:y[99999999999] = 1]", 5, PatternErrorKind.Semantic, "9.7.2")]
    public void Parse_InvalidPattern_FailsAtOffset(string text, int offset, PatternErrorKind kind, string? section)
    {
        var result = StixPattern.Parse(text);

        Assert.False(result.Success, $"{text} parsed as {result}");
        Assert.Equal(offset, result.Error.Offset);
        Assert.Equal(kind, result.Error.Kind);
        Assert.Equal(section, result.Error.Section);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Theory]
    [InlineData("[file:size = ]", "a constant")]
    [InlineData("[x:y = 1] WITHIN 5 HOURS", "'SECONDS'")]
    [InlineData("[file.size = 1]", "':' between the object type and the property name")]
    public void Parse_SyntaxError_SaysWhatWasExpected(string text, string expected)
    {
        Assert.Equal(expected, StixPattern.Parse(text).Error?.Expected);
    }

    [Fact]
    public void Parse_PatternWithoutBrackets_SaysSo()
    {
        var error = StixPattern.Parse("file:size = 1280").Error;

        Assert.NotNull(error);
        Assert.Contains("missing square brackets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidPattern_ReturnsFalseWithTheError()
    {
        Assert.False(StixPattern.TryParse("[x:y = ]", out var pattern, out var error));
        Assert.Null(pattern);
        Assert.Equal(7, error.Offset);
        Assert.False(StixPattern.TryParse("[x:y = ]", out _));
    }

    [Fact]
    public void Value_OfFailedResult_ThrowsBecauseThatIsAProgrammingError()
    {
        var result = StixPattern.Parse("[");

        Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Throws<FormatException>(result.GetValueOrThrow);
        Assert.Null(result.ValueOrNull);
    }
}
