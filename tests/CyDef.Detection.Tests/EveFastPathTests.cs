using System.Globalization;
using System.Text;
using CsCheck;
using CyDef.Detection.Readers;

namespace CyDef.Detection.Tests;

/// <summary>
/// The EVE reader's fast path (<c>JsonScan</c>, in CyDef.Stix) takes the same values as the token-by-token read with
/// Utf8JsonReader and refuses the same lines for the same reasons: objects and arrays it does not need are passed over
/// and checked, hostile input is skipped with its reason. The property tests compare the two over random and damaged
/// records.
/// </summary>
public sealed class EveFastPathTests
{
    private const string Start = "{\"timestamp\":\"2024-01-15T10:00:00Z\",";
    private const string Head = Start + "\"";

    [Theory]
    // Needed values before, between and after skipped objects; brackets, quotes and commas inside their strings.
    [InlineData(Head + """flow":{"a":"}]{[","b":[1,{"c":"\""}],"d":true},"src_ip":"10.0.0.5","tcp":{"syn":true,"s":"x}"},"dest_ip":"198.51.100.7"}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7")]
    // An escape inside the skipped object: the scan gives up and the reader walks it.
    [InlineData(Head + """alert":{"signature":"a \"quoted\" \\ sign","metadata":{"x":["\u0041"]}},"http":{"hostname":"x.test","url":"/z"}}""",
        "Domain=x.test;Url=http://x.test/z")]
    // Skipped objects inside needed ones, first in their object, empty, and at the end of the record.
    [InlineData(Head + """dns":{"extra":{"a":[[],{}]},"rrname":"bad.example","opts":[],"answers":[{"x":{"y":1},"rdata":"203.0.113.9"}]},"tcp":{}}""",
        "Domain=bad.example;ResolvedIp=203.0.113.9")]
    // White space around the skipped value.
    [InlineData(Start + """ "flow" :  { "a" : [ 1 , 2 ] }  , "src_ip" : "10.0.0.5" }""", "SourceIp=10.0.0.5")]
    public void Read_SkippedObjects_KeepTheNeededValues(string line, string expected)
    {
        var (result, _, values, _) = Lines.Read(new EveReader(), line);
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(expected, string.Join(";", values));
        Assert.Equal(values, Lines.Read(new EveReader(fastPath: false), line).Values);
    }

    [Theory]
    [InlineData(Head + """flow":{"a":1,"b":[1,2""", SkipReason.Truncated)]
    [InlineData(Head + """flow":{"a":"unterminated""", SkipReason.Truncated)]
    [InlineData(Head + """flow":{"a":[1,2}],"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":@},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":"tab	inside"},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":1}},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":1},"src_ip":"10.0.0.5"} {"b":2}""", SkipReason.Malformed)]
    // Token order inside a value the reader does not need is checked like everything else.
    [InlineData(Head + """flow":{"a" 1},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":tru},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":[1 2],"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":1,},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":01},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":"\x"},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":"\u12G4"},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """src_port":1.,"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """src_ip":"10.0.0.5"}  x}""", SkipReason.Malformed)]
    public void Read_HostileSkippedObject_IsSkippedWithItsReason(string line, SkipReason reason)
    {
        foreach (var fast in new[] { true, false })
        {
            var (result, why, _, _) = Lines.Read(new EveReader(fast), line);
            Assert.Equal(LineResult.Skipped, result);
            Assert.Equal(reason, why);
        }
    }

    [Fact]
    public void Read_DeepNestingInSkippedObject_IsTooDeep()
    {
        // Deeper than the reader allows, and around the depths where the fast path leaves the line to Utf8JsonReader.
        var deep = Start + "\"flow\":" + new string('[', 40) + new string(']', 40) + ",\"src_ip\":\"10.0.0.5\"}";
        Assert.Equal(SkipReason.TooDeep, Lines.Read(new EveReader(), deep).Reason);
        for (var depth = 20; depth <= 33; depth++)
        {
            foreach (var open in new[] { "[", "{\"a\":" })
            {
                var close = open == "[" ? "]" : "}";
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + new string(close[0], depth);
                foreach (var line in new[]
                {
                    Start + "\"flow\":" + nested + ",\"src_ip\":\"10.0.0.5\"}",
                    Start + "\"dns\":{\"answers\":[{\"x\":" + nested + ",\"rdata\":\"203.0.113.9\"}]},\"src_ip\":\"10.0.0.5\"}",
                    Start + "\"src_ip\":" + nested + ",\"dest_ip\":\"10.0.0.5\"}",
                })
                {
                    Assert.Equal(Outcome(false, line), Outcome(true, line));
                }
            }
        }
    }

    [Theory]
    // A value of the wrong kind where the reader takes a string or a number: passed over, and what follows still read.
    [InlineData(Head + """http":{"hostname":{"x":"evil.example"},"url":"/a"},"src_ip":"10.0.0.5"}""", LineResult.Event, "SourceIp=10.0.0.5")]
    [InlineData(Head + """src_port":{"dest_ip":"198.51.100.7"},"dest_port":[1,{"a":2}],"src_ip":"10.0.0.5"}""", LineResult.Event, "SourceIp=10.0.0.5")]
    [InlineData("""{"timestamp":{"src_ip":"10.0.0.5"},"dest_ip":"198.51.100.7"}""", LineResult.Skipped, "DestinationIp=198.51.100.7")]
    [InlineData(Head + """src_ip":["10.0.0.5",{"a":["10.0.0.6"]},7,"10.0.0.7"],"sni":"x.example"}""", LineResult.Event, "SourceIp=10.0.0.5")]
    public void Read_ValueOfTheWrongKind_IsPassedOver(string line, LineResult result, string values)
    {
        foreach (var fast in new[] { true, false })
        {
            var read = Lines.Read(new EveReader(fast), line);
            Assert.Equal((result, values), (read.Result, string.Join(";", read.Values)));
        }
    }

    [Theory]
    // Escapes in values the reader takes: the fast path leaves the line to Utf8JsonReader, which unescapes them.
    [InlineData(Head + """http":{"hostname":"evil\u002eexample","url":"\/a\/b"}}""", "Domain=evil.example;Url=http://evil.example/a/b")]
    public void Read_EscapedValues_AreUnescaped(string line, string values)
    {
        foreach (var fast in new[] { true, false })
        {
            Assert.Equal(values, string.Join(";", Lines.Read(new EveReader(fast), line).Values));
        }
    }

    [Fact]
    public void Read_LongStringsAcrossTheStopBitmap_SameByBothPaths()
    {
        // Strings that end on either side of the bitmap's 64-byte words, and lines longer than its first buffer.
        var reader = new EveReader();
        foreach (var length in new[] { 0, 1, 30, 31, 32, 33, 62, 63, 64, 65, 127, 128, 129, 4_000, 4_096, 5_000, 100_000 })
        {
            var pad = new string('p', length);
            var line = Head + "flow\":{\"ua\":\"" + pad + "\",\"n\":1},\"http\":{\"hostname\":\"h" + pad[..Math.Min(length, 200)] + ".example\",\"url\":\"/" + pad + "\"},\"src_ip\":\"10.0.0.5\"}";
            var slow = Outcome(false, line);
            Assert.Equal(LineResult.Event, slow.Item1);
            Assert.Equal(slow, Outcome(true, line));
            var (result, _, values, _) = Lines.Read(reader, line); // one reader for all: its buffers are reused
            Assert.Equal((slow.Item1, slow.Item3), (result, string.Join(";", values)));
        }
    }

    [Fact]
    public void Read_StopsInEveryByteOfALinesLastWord_SameByBothPaths()
    {
        // A line's last bytes that do not fill a 64-byte word of the stop bitmap are marked as the line's last 64 bytes:
        // quotes, escapes and control characters (in a value passed over) at every offset of that part, over lines of every
        // length around it.
        foreach (var tail in new[] { "", "\\\"q", "\\u0041", "\t" })
        {
            for (var length = 0; length < 200; length++)
            {
                var line = Head + "http\":{\"hostname\":\"h" + new string('p', length) + ".example\",\"x\":\"" + tail + "\"},\"src_ip\":\"10.0.0.5\"}";
                var slow = Outcome(false, line);
                Assert.Equal(slow, Outcome(true, line));
                Assert.Equal(tail == "\t" ? LineResult.Skipped : LineResult.Event, slow.Item1);

                // And the fast path read it itself (it marks the lines it vouches for as ASCII), without the fallback.
                Assert.Equal(slow.Item1 == LineResult.Event, Lines.Read(new EveReader(), line).Event.KnownAscii);
            }
        }
    }

    [Theory]
    // Well-formed records whose bytes are not UTF-8 (in a value taken, in one passed over), or are UTF-8 beyond ASCII.
    [InlineData("\"src_ip\":\"10.0.0.5\",\"x\":\"\xC3(\"}", LineResult.Skipped)]
    [InlineData("\"http\":{\"hostname\":\"caf\xC3\"}}", LineResult.Skipped)]
    [InlineData("\"http\":{\"hostname\":\"\xED\xA0\x80.example\"}}", LineResult.Skipped)]
    [InlineData("\"http\":{\"hostname\":\"caf\xC3\xA9.example\"},\"x\":\"\xF0\x9F\x98\x80\"}", LineResult.Event)]
    public void Read_BytesThatAreNotUtf8_AreRefusedByBothPaths(string rest, LineResult expected)
    {
        // The escapes above stand for single bytes (Latin-1), not for characters.
        var line = Encoding.Latin1.GetBytes(Start + rest);
        foreach (var fast in new[] { true, false })
        {
            var e = new SensorEvent();
            var result = new EveReader(fast).Read(line, e, out var reason);
            Assert.Equal(expected, result);
            Assert.Equal(expected == LineResult.Skipped ? SkipReason.InvalidUtf8 : default, reason);
        }
    }

    private static readonly Gen<string> Name = Gen.OneOf(
        "timestamp", "src_port", "dest_port", "queries", "query", "ja3s", "md5", "files", "rcpt_to", "CNAME", "AAAA", "src_ip", "dest_ip", "proto", "dns", "http", "tls", "flow", "tcp", "alert", "metadata", "rrname", "rdata", "answers",
        "hostname", "url", "sni", "ja3", "hash", "fileinfo", "sha256", "smtp", "mail_from", "email", "from", "x", "grouped", "A");

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf("\"10.0.0.5\"", "\"2001:db8::7\"", "\"Evil.Example.\"", "\"/a?b=1\"", "\"<a@b.example>\"", "\"}]{[,:\"",
            "\"q\\\"uote\"", "\"\\u0041\\/\"", "\"caf\u00e9\"", "\"\"", "true", "false", "null", "-1.5e3", "0", "443",
            "-0", "1e2", "65536", "4.0", "99999999999", "-7", "\"2024-02-30T10:00:00Z\"", "\"2024-01-15 10:00:00.5+01:00\"",
            // Digit runs longer than the eight bytes read at a time (flow ids), and numbers the grammar refuses.
            "1234567890123456789", "12345678.87654321e-12345678", "18446744073709551616", "00", "0123", "1.", "1e", "-", "12345678a"),
        Gen.Int[0, 70000].Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Space = Gen.OneOf("", "", "", " ", "\t", " \r ");

    private static Gen<string> Value(int depth) => depth == 0 ? Scalar : Gen.Frequency((3, Scalar), (2, Object(depth - 1)), (1, Array(depth - 1)));

    private static Gen<string> Object(int depth) =>
        Gen.Select(Name, Space, Value(depth), Space).Array[0, 5]
            .Select(members => "{" + string.Join(",", members.Select(m => $"{m.Item2}\"{m.Item1}\"{m.Item2}:{m.Item4}{m.Item3}{m.Item4}")) + "}");

    private static Gen<string> Array(int depth) => Value(depth).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");

    private static readonly Gen<string> Record = Object(4).Select(o => o.Length == 2 ? Start[..^1] + "}" : Start + o[1..]);

    private static (LineResult, SkipReason, string, int, int, long) Outcome(bool fast, string line)
    {
        var (result, reason, values, e) = Lines.Read(new EveReader(fast), line);
        return (result, reason, string.Join(";", values), e.SourcePort, e.DestinationPort, e.Ticks);
    }

    [Fact]
    public void Read_RandomRecords_SameByBothPaths() =>
        Record.Sample(line => Assert.Equal(Outcome(false, line), Outcome(true, line)), iter: 5000);

    [Fact]
    public void Read_DamagedRecords_SameByBothPaths()
    {
        // A cut, or one byte put in or taken out: both paths read the line alike, or refuse it for the same reason.
        var damaged = Gen.Select(Record, Gen.Int[0, 2], Gen.Double[0, 1], Gen.OneOf("{", "}", "[", "]", "\"", ",", ":", "\\", "a", "1", " "),
            (line, kind, at, insert) =>
            {
                var i = (int)(at * line.Length);
                return kind switch
                {
                    0 => line[..i],
                    1 => line.Insert(i, insert),
                    _ => i < line.Length ? line.Remove(i, 1) : line,
                };
            });
        damaged.Sample(line => Assert.Equal(Outcome(false, line), Outcome(true, line)), iter: 10000);
    }
}
