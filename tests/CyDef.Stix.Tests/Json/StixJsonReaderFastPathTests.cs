using System.Globalization;
using System.Text;
using CsCheck;
using CyDef.Stix.Json;

namespace CyDef.Stix.Tests.Json;

/// <summary>
/// The reader's fast path (one pass over the text with <c>JsonScan</c>) builds the same tree as the token-by-token read
/// with Utf8JsonReader, and the text it cannot vouch for is refused with the same located error: the property tests
/// compare the two reads over random JSON, damaged JSON and bytes that are not UTF-8.
/// </summary>
public sealed class StixJsonReaderFastPathTests
{
    private static readonly Gen<string> Name = Gen.OneOf(
        "type", "id", "created", "labels", "kill_chain_phases", "kill_chain_name", "phase_name", "object_marking_refs",
        "granular_markings", "marking_ref", "selectors", "spec_version", "value", "x_custom", "a", "caf\u00e9", "ty\\u0070e",
        "lab\\nels", "x_\u6f22\u5b57", "");

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf("\"indicator\"", "\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"", "\"2024-01-15T10:00:00.000Z\"",
            "\"kill_chain_name\"", "\"malicious-activity\"", "\"\"", "\"caf\u00e9\"", "\"\U0001F600\"", "\"q\\\"uote\"",
            "\"line\\nbreak\"", "\"\\u0041\\/\\b\\f\\r\\t\\\\\"", "\"\\ud83d\\ude00\"", "\"lone \\ud800 surrogate\"", "\"\\udc00\"",
            "\"bad \\x escape\"", "\"bad \\u12g4\"", "\"tab\tinside\"", "true", "false", "null", "tru", "nul", "-1.5e3", "0", "-0",
            "1e2", "4.0", "1E+2", "2.5e-3", "99999999999", "1234567890123456789", "18446744073709551616", "00", "0123", "1.",
            "1e", "-", "+1", ".5", "12345678a", "NaN"),
        Gen.Int[-1000, 70000].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.String[Gen.Char['\u0020', '\u00ff'], 0, 40].Select(s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""),
        Gen.String[Gen.Char['a', 'z'], 90, 110].Select(s => "\"" + s + "\""));

    private static readonly Gen<string> Space = Gen.OneOf("", "", "", " ", "\t", " \r\n ");

    private static readonly Gen<string> Json = Value(5);

    private static Gen<string> Value(int depth) => depth == 0 ? Scalar : Gen.Frequency((3, Scalar), (2, Object(depth - 1)), (1, Array(depth - 1)));

    private static Gen<string> Object(int depth) =>
        Gen.Select(Name, Space, Value(depth), Space).Array[0, 6]
            .Select(members => "{" + string.Join(",", members.Select(m => $"{m.Item2}\"{m.Item1}\"{m.Item2}:{m.Item4}{m.Item3}{m.Item4}")) + "}");

    private static Gen<string> Array(int depth) => Value(depth).Array[0, 5].Select(items => "[" + string.Join(",", items) + "]");

    private static string Outcome(byte[] utf8, int maxDepth, bool fast)
    {
        var result = StixJsonReader.Parse(utf8, new StixReadOptions { MaxDepth = maxDepth }, "$", TextPosition.Start, fast: fast);
        return result.Success ? "ok " + StixJsonWriter.ToJsonString(result.Value) : "error " + result.Error;
    }

    private static void SameByBothPaths(byte[] utf8, int maxDepth)
    {
        var tokenByToken = Outcome(utf8, maxDepth, fast: false);
        Assert.Equal(tokenByToken, Outcome(utf8, maxDepth, fast: true));

        // Read again, as a stream reads line after line: the values the first reads shared are found the same way.
        Assert.Equal(tokenByToken, Outcome(utf8, maxDepth, fast: true));
    }

    [Fact]
    public void Parse_RandomJson_SameByBothPaths() =>
        Gen.Select(Json, Space, Gen.Int[1, 8]).Sample(
            (json, space, maxDepth) => SameByBothPaths(Encoding.UTF8.GetBytes(space + json + space), maxDepth), iter: 5000);

    [Fact]
    public void Parse_DamagedJson_SameByBothPaths()
    {
        // A cut, a byte put in or taken out, or a byte that is not UTF-8 (a stray continuation byte, a cut sequence,
        // an overlong form): both reads give the same tree, or the same error at the same place.
        var damaged = Gen.Select(Json, Gen.Int[0, 3], Gen.Double[0, 1], Gen.OneOf(
                new byte[] { (byte)'{' }, [(byte)'}'], [(byte)'['], [(byte)']'], [(byte)'"'], [(byte)','], [(byte)':'], [(byte)'\\'],
                [(byte)'a'], [(byte)'1'], [(byte)' '], [0x01], [0x80], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF]),
            (json, kind, at, insert) =>
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                var i = (int)(at * bytes.Length);
                return kind switch
                {
                    0 => bytes[..i],
                    1 or 2 => [.. bytes[..i], .. insert, .. bytes[i..]],
                    _ => i < bytes.Length ? [.. bytes[..i], .. bytes[(i + 1)..]] : bytes,
                };
            });
        Gen.Select(damaged, Gen.Int[1, 8]).Sample((utf8, maxDepth) => SameByBothPaths(utf8, maxDepth), iter: 10000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\\n")]
    public void Parse_StringsLongerThanASliceKeepsItsLength_ReadWhole(string escape)
    {
        // A value keeps the length of its text when it fits in 16 bits; a longer one finds its end again.
        var text = new string('a', 70_000);
        var json = $$"""{"description":"{{text}}{{escape}}","name":"{{text[..65_534]}}{{escape}}","x":"b\"c"}""";
        var value = StixJsonReader.Parse(Encoding.UTF8.GetBytes(json)).GetValueOrThrow();

        var newline = escape.Length > 0 ? "\n" : "";
        Assert.Equal(text + newline, value["description"]!.GetString());
        Assert.Equal(text[..65_534] + newline, value["name"]!.GetString());
        Assert.Equal("b\"c", value["x"]!.GetString());
        Assert.Equal(json, StixJsonWriter.ToJsonString(value));
    }

    [Theory]
    [InlineData("{\"type\":\"indicator\",\"type\":\"malware\"}")]
    [InlineData("{\"labels\":[\"a\"],\"x\":{\"y\":1},\"labels\":[]}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"t\\u0079pe\":\"indicator\",\"type\":\"indicator\"}")]
    [InlineData("[[[[[[[[1]]]]]]]]")]
    [InlineData("{\"a\":1}x")]
    [InlineData("{\"a\":1,}")]
    [InlineData("  ")]
    public void Parse_TextTheFastPathRefuses_IsDecidedByTheTokenByTokenRead(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var tokenByToken = Outcome(utf8, 6, fast: false);
        Assert.StartsWith("error", tokenByToken);
        Assert.Equal(tokenByToken, Outcome(utf8, 6, fast: true));
    }
}
