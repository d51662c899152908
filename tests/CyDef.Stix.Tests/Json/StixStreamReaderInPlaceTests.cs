using System.Globalization;
using System.Text;
using CsCheck;
using CyDef.Stix.Json;

namespace CyDef.Stix.Tests.Json;

/// <summary>
/// The items of a bundle and the lines of NDJSON are read in place, where they lie in the stream reader's buffer, and their
/// strings stay slices of it: the property tests compare that read with the token-by-token and line-by-line reads over
/// random input that spans several buffers, with escapes, text that is not ASCII, bytes that are not UTF-8, numbers and
/// damaged items among the objects.
/// </summary>
public sealed class StixStreamReaderInPlaceTests
{
    private const string Invalid = "\"\u0001INVALID\u0001\"";

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOf(
            "indicator", "caf\u00e9", "x_\u6f22\u5b57", "line\\nbreak", "q\\\"uote", "back\\\\slash\\\\", "\\u00e9t\\u00e9",
            "\\ud83d\\ude00", "tab\\tand\\/slash", ""),
        Gen.String[Gen.Char['a', 'z'], 0, 4000],
        Gen.String[Gen.Char['\u0020', '\u00ff'], 0, 200].Select(s => s.Replace("\\", "\\\\").Replace("\"", "\\\"")));

    // Damaged values (some of them broken JSON, which ends the reading) are rare enough for most bundles to be read far.
    private static readonly Gen<string> Scalar = Gen.Frequency(
        (240, Text.Select(t => "\"" + t + "\"")),
        (80, Gen.Int[-100_000, 100_000].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (40, Gen.OneOf("true", "false", "null", "-1.5e3", "0.25", "1E+2")),
        (1, Gen.OneOf("\"bad \\x escape\"", "\"lone \\ud800\"", Invalid, "\"tab\there\"")));

    private static readonly Gen<string> Name = Gen.OneOf(
        "type", "id", "name", "description", "labels", "relationship_type", "x_mitre_version", "x_custom_\u00e9", "kill_chain_phases",
        "n\\u0061me");

    private static readonly Gen<string> Value = Gen.Frequency(
        (8, Scalar),
        (2, Scalar.Array[0, 4].Select(items => "[" + string.Join(", ", items) + "]")),
        (1, Gen.Select(Name, Scalar).Array[0, 3].Select(members => "{" + string.Join(",", members.Select(m => $"\"{m.Item1}\": {m.Item2}")) + "}")));

    private static readonly Gen<string> Item = Gen.Frequency(
        (200, Gen.Select(Name, Value).Array[0, 8].Select(members =>
            "{\n    \"type\": \"x-test\"" + string.Concat(members.Select(m => $",\n    \"{m.Item1}\": {m.Item2}")) + "\n  }")),
        (10, Scalar),
        (1, Gen.OneOf("{\"type\": \"x-test\", \"name\": ", "[1, 2", "{\"a\" 1}", "{\"a\": 1,}", "12x", "truex", "7\u00e9")));

    private static readonly Gen<byte[]> Bundle = Gen.Select(Item.Array[1, 200], Gen.OneOf(",", ",\n  ", " , "))
        .Select((items, separator) => Utf8(
            "{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\n  \"objects\": [\n  "
            + string.Join(separator, items) + "\n  ]\n}\n"));

    // NDJSON: the same items, each on a line of its own (their line breaks are white space between tokens), a few lines
    // with more after the value.
    private static readonly Gen<string> Line = Gen.Select(Item, Gen.Frequency((40, Gen.Const("")), (1, Gen.OneOf(" {\"type\":\"x\"}", " ,", "]"))))
        .Select((item, more) => item.Replace('\n', ' ') + more);

    private static readonly Gen<byte[]> Ndjson = Gen.Select(Line.Array[2, 200], Gen.OneOf("\n", "\r\n", "\n\n", " \n"))
        .Select((lines, newline) => Utf8("{\"type\":\"x-test\"}" + newline + string.Join(newline, lines) + newline));

    // The placeholder for bytes that are not UTF-8 becomes a 0xFF byte in a string.
    private static byte[] Utf8(string text)
    {
        var parts = text.Split(Invalid);
        var bytes = new List<byte>(Encoding.UTF8.GetByteCount(text));
        for (var i = 0; i < parts.Length; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
            if (i < parts.Length - 1)
            {
                bytes.AddRange([(byte)'"', 0xFF, (byte)'"']);
            }
        }

        return [.. bytes];
    }

    private static List<string> Outcome(byte[] input, bool inPlace)
    {
        using var reader = new StixStreamReader(new MemoryStream(input)) { ReadsInPlace = inPlace };

        // Every item is read before any is looked at: a value read in place must outlive the refills of the buffer.
        var items = reader.ReadObjects().ToList();
        return items.Select(i => $"{i.Path} {i.Error} {(i.Value is null ? "-" : StixJsonWriter.ToJsonString(i.Value))}").ToList();
    }

    [Fact]
    public void ReadObjects_RandomBundles_InPlaceAsTokenByToken() =>
        Bundle.Sample(input => Assert.Equal(Outcome(input, inPlace: false), Outcome(input, inPlace: true)), iter: 60);

    [Fact]
    public void ReadObjects_RandomNdjson_InPlaceAsLineByLine() =>
        Ndjson.Sample(input => Assert.Equal(Outcome(input, inPlace: false), Outcome(input, inPlace: true)), iter: 60);

    // In these, U+FFFF (EF BF BF in UTF-8) stands for a lone 0xFF byte.
    [Theory]
    [InlineData("[1, 2\uFFFF]")]
    [InlineData("[123\uFFFF, 4]")]
    [InlineData("[{\"a\": 1}\uFFFF]")]
    [InlineData("[12\u00e9]")]
    [InlineData("[12")]
    [InlineData("[12x, 3]")]
    [InlineData("[truex]")]
    [InlineData("[{\"a\": 1}x]")]
    [InlineData("[\"s\"\"t\"]")]
    [InlineData("{\"type\":\"x-test\"}\n{\"a\": 1}\uFFFF\n{\"a\": 2}\n")]
    [InlineData("{\"type\":\"x-test\"}\n7\uFFFF\n{\"a\": 2}\n")]
    public void ReadObjects_ValueFollowedByBytesThatAreNotUtf8_AsTokenByToken(string text)
    {
        // A value that ends where the bytes checked as UTF-8 do (a number may go on) is left to the token-by-token read.
        var utf8 = Encoding.UTF8.GetBytes(text);
        var input = new List<byte>(utf8.Length);
        for (var i = 0; i < utf8.Length; i++)
        {
            var marker = i + 2 < utf8.Length && utf8[i] == 0xEF && utf8[i + 1] == 0xBF && utf8[i + 2] == 0xBF;
            input.Add(marker ? (byte)0xFF : utf8[i]);
            i += marker ? 2 : 0;
        }

        Assert.Equal(Outcome([.. input], inPlace: false), Outcome([.. input], inPlace: true));
    }

    [Fact]
    public void ReadObjects_ValuesReadInPlace_OutliveTheReaderAndItsBuffers()
    {
        var description = new string('d', 5000);
        var objects = Enumerable.Range(0, 400).Select(i => $$"""{"type":"x-test","name":"object {{i}}","description":"{{description}}"}""");
        var bundle = Encoding.UTF8.GetBytes($$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{string.Join(",\n", objects)}}]}""" + "\n");

        List<StixReadItem> items;
        using (var reader = new StixStreamReader(new MemoryStream(bundle)))
        {
            items = reader.ReadObjects().ToList();
        }

        // Another reader takes buffers from the shared pool and fills them: none of them may be one the values hold.
        var other = new byte[bundle.Length];
        Array.Fill(other, (byte)' ');
        "[1]"u8.CopyTo(other);
        using (var reader = new StixStreamReader(new MemoryStream(other)))
        {
            _ = reader.ReadObjects().ToList();
        }

        Assert.Equal(400, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal($"object {i}", items[i].Value!["name"]!.GetString());
            Assert.Equal(description, items[i].Value!["description"]!.GetString());
        }
    }
}
