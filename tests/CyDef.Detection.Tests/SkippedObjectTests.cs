using System.Globalization;
using CsCheck;
using CyDef.Detection.Readers;

namespace CyDef.Detection.Tests;

/// <summary>
/// Objects and arrays the EVE reader does not need are passed over by a scan for their closing bracket
/// (<see cref="SkippedValue"/>): no value it needs is lost, and hostile input inside them is still skipped with its
/// reason. The property tests compare the reader with the scan against the same reader walking every token.
/// </summary>
public sealed class SkippedObjectTests
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
        Assert.Equal(values, Lines.Read(new EveReader(scanSkipped: false), line).Values);
    }

    [Theory]
    [InlineData(Head + """flow":{"a":1,"b":[1,2""", SkipReason.Truncated)]
    [InlineData(Head + """flow":{"a":"unterminated""", SkipReason.Truncated)]
    [InlineData(Head + """flow":{"a":[1,2}],"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":@},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":"tab	inside"},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":1}},"src_ip":"10.0.0.5"}""", SkipReason.Malformed)]
    [InlineData(Head + """flow":{"a":1},"src_ip":"10.0.0.5"} {"b":2}""", SkipReason.Malformed)]
    public void Read_HostileSkippedObject_IsSkippedWithItsReason(string line, SkipReason reason)
    {
        foreach (var scan in new[] { true, false })
        {
            var (result, why, _, _) = Lines.Read(new EveReader(scan), line);
            Assert.Equal(LineResult.Skipped, result);
            Assert.Equal(reason, why);
        }
    }

    [Fact]
    public void Read_DeepNestingInSkippedObject_IsTooDeep()
    {
        // Deeper than the reader allows, and exactly as deep as it allows (the scan leaves the limit to the reader).
        var deep = Start + "\"flow\":" + new string('[', 40) + new string(']', 40) + ",\"src_ip\":\"10.0.0.5\"}";
        Assert.Equal(SkipReason.TooDeep, Lines.Read(new EveReader(), deep).Reason);
        for (var depth = 25; depth <= 33; depth++)
        {
            var line = Start + "\"flow\":" + new string('[', depth) + new string(']', depth) + ",\"src_ip\":\"10.0.0.5\"}";
            var fast = Lines.Read(new EveReader(), line);
            var slow = Lines.Read(new EveReader(scanSkipped: false), line);
            Assert.Equal((slow.Result, slow.Reason, string.Join(";", slow.Values)), (fast.Result, fast.Reason, string.Join(";", fast.Values)));
        }
    }

    [Fact]
    public void Read_TokenOrderInsideSkippedObject_IsNotChecked()
    {
        // Documented: the scan checks brackets, strings and which bytes appear, not the order of tokens.
        var line = Head + """flow":{"a" 1,"b":tru},"src_ip":"10.0.0.5"}""";
        Assert.Equal(SkipReason.Malformed, Lines.Read(new EveReader(scanSkipped: false), line).Reason);
        var (result, _, values, _) = Lines.Read(new EveReader(), line);
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(["SourceIp=10.0.0.5"], values);
    }

    [Fact]
    public void Read_ManySkippedObjects_ReuseTheCopyOfTheRest()
    {
        // Each skip copies the rest of the line (which after the first already lies in the reader's own buffer).
        var members = string.Join(",", Enumerable.Range(0, 200).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{{(i % 50 == 0 ? $"\"src_ip\":\"10.0.{i}.1\"," : "")}}"x{{i}}":{"pad":"{{new string('p', i * 13)}}","n":[{{i}}]}""")));
        var line = Start + members + ",\"dest_ip\":\"198.51.100.7\"}";
        var fast = Lines.Read(new EveReader(), line);
        Assert.Equal(LineResult.Event, fast.Result);
        Assert.Equal(["SourceIp=10.0.0.1", "DestinationIp=198.51.100.7"], fast.Values);
        Assert.Equal(fast.Values, Lines.Read(new EveReader(scanSkipped: false), line).Values);
    }

    private static readonly Gen<string> Name = Gen.OneOf(
        "src_ip", "dest_ip", "proto", "dns", "http", "tls", "flow", "tcp", "alert", "metadata", "rrname", "rdata", "answers",
        "hostname", "url", "sni", "ja3", "hash", "fileinfo", "sha256", "smtp", "mail_from", "email", "from", "x", "grouped", "A");

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf("\"10.0.0.5\"", "\"2001:db8::7\"", "\"Evil.Example.\"", "\"/a?b=1\"", "\"<a@b.example>\"", "\"}]{[,:\"",
            "\"q\\\"uote\"", "\"\\u0041\\/\"", "\"caf\u00e9\"", "\"\"", "true", "false", "null", "-1.5e3", "0", "443"),
        Gen.Int[0, 70000].Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Space = Gen.OneOf("", "", "", " ", "\t", " \r ");

    private static Gen<string> Value(int depth) => depth == 0 ? Scalar : Gen.Frequency((3, Scalar), (2, Object(depth - 1)), (1, Array(depth - 1)));

    private static Gen<string> Object(int depth) =>
        Gen.Select(Name, Space, Value(depth), Space).Array[0, 5]
            .Select(members => "{" + string.Join(",", members.Select(m => $"{m.Item2}\"{m.Item1}\"{m.Item2}:{m.Item4}{m.Item3}{m.Item4}")) + "}");

    private static Gen<string> Array(int depth) => Value(depth).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");

    private static readonly Gen<string> Record = Object(4).Select(o => o.Length == 2 ? Start[..^1] + "}" : Start + o[1..]);

    private static (LineResult, SkipReason, string, int, int) Outcome(bool scan, string line)
    {
        var (result, reason, values, e) = Lines.Read(new EveReader(scan), line);
        return (result, reason, string.Join(";", values), e.SourcePort, e.DestinationPort);
    }

    [Fact]
    public void Read_RandomRecords_SameWithOrWithoutTheScan() =>
        Record.Sample(line => Assert.Equal(Outcome(false, line), Outcome(true, line)), iter: 3000);

    [Fact]
    public void Read_DamagedRecords_SameUnlessTheWalkFoundThemMalformed()
    {
        // A cut, or one byte put in or taken out: what the walk does not refuse as malformed, the scan reads alike.
        // (It may read a line the walk refuses as malformed: token order inside an unread object is not checked.)
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
        damaged.Sample(line =>
        {
            var slow = Outcome(false, line);
            if (slow.Item2 != SkipReason.Malformed)
            {
                Assert.Equal(slow, Outcome(true, line));
            }
        }, iter: 5000);
    }
}
