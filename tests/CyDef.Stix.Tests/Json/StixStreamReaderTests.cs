using System.Text;
using CyDef.Stix.Json;

namespace CyDef.Stix.Tests.Json;

public sealed class StixStreamReaderTests
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";

    private static List<StixReadItem> Read(string text, int chunk = 7) =>
        Read(Encoding.UTF8.GetBytes(text), chunk);

    // A stream that hands out a few bytes per read, so that every value straddles buffer refills.
    private static List<StixReadItem> Read(byte[] bytes, int chunk)
    {
        using var stream = new TrickleStream(bytes, chunk);
        using var reader = new StixStreamReader(stream);
        return reader.ReadObjects().ToList();
    }

    [Fact]
    public void ReadObjects_Bundle_YieldsEachObjectWithItsPath()
    {
        var items = Read($$"""{"type":"bundle","id":"bundle--1","objects":[{{Indicator}},{{Indicator}}],"x_after":[1,2]}""");

        Assert.Equal(["$.objects[0]", "$.objects[1]"], items.Select(i => i.Path));
        Assert.All(items, i => Assert.Equal("indicator", i.Value!["type"]!.GetString()));
    }

    [Fact]
    public void ReadObjects_ObjectsBeforeType_StillStreams()
    {
        var items = Read($$"""{ "objects" : [ {{Indicator}} ] , "type" : "bundle" , "id" : "bundle--1" }""");

        Assert.Single(items);
        Assert.NotNull(items[0].Value);
    }

    [Fact]
    public void ReadObjects_PrettyPrintedBundle_Streams()
    {
        var items = Read("{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--1\",\n  \"objects\": [\n    " + Indicator + ",\n    " + Indicator + "\n  ]\n}\n", chunk: 3);

        Assert.Equal(2, items.Count(i => i.Value is not null));
    }

    [Fact]
    public void ReadObjects_Array_YieldsItems()
    {
        Assert.Equal(["$[0]", "$[1]"], Read($"[{Indicator}, {Indicator}]").Select(i => i.Path));
    }

    [Fact]
    public void ReadObjects_SingleObject_YieldsIt()
    {
        Assert.Single(Read(Indicator));
    }

    [Fact]
    public void ReadObjects_NdjsonWithABadLine_ReportsItAndGoesOn()
    {
        var items = Read($"{Indicator}\n{{\"type\":\"indicator\",\"name\":\n{Indicator}\n");

        Assert.Equal(3, items.Count);
        Assert.NotNull(items[0].Value);
        Assert.Equal(2, items[1].Error!.Line);
        Assert.NotNull(items[2].Value);
    }

    [Fact]
    public void ReadObjects_DuplicateKeyInBundleItem_ReportsThatItemOnly()
    {
        var items = Read($$"""{"type":"bundle","id":"bundle--1","objects":[{"type":"x","type":"y"},{{Indicator}}]}""");

        Assert.Equal("$.objects[0].type", items[0].Error!.Path);
        Assert.NotNull(items[1].Value);
    }

    [Fact]
    public void ReadObjects_TruncatedBundle_EndsWithALocatedError()
    {
        var text = $$"""{"type":"bundle","id":"bundle--1","objects":[{{Indicator}},{"type":"indicator","na""";

        var items = Read(text);

        Assert.NotNull(items[0].Value);
        Assert.Equal("$.objects[1]", items[^1].Path);
        Assert.NotNull(items[^1].Error);
    }

    [Fact]
    public void ReadObjects_DeepNestingInsideABundle_IsAnErrorNotACrash()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var items = Read($$"""{"type":"bundle","id":"bundle--1","objects":[{"type":"x","deep":{{deep}}}]}""", chunk: 4096);

        Assert.Contains(items, i => i.Error is not null);
    }

    [Fact]
    public void ReadObjects_InvalidUtf8InAnItem_IsAnError()
    {
        byte[] bytes = [.. "[{\"type\":\"x\",\"name\":\""u8, 0xFF, .. "\"}]"u8];

        var items = Read(bytes, 5);

        Assert.Single(items);
        Assert.Contains("UTF-8", items[0].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadObjects_NotJson_IsAnError()
    {
        var items = Read("hello");

        Assert.Single(items);
        Assert.NotNull(items[0].Error);
    }

    [Fact]
    public void ReadObjects_ValueLargerThanTheLimit_IsAnError()
    {
        var text = $$"""[{"type":"x","description":"{{new string('a', 300_000)}}"}]""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var reader = new StixStreamReader(stream, new StixReadOptions { MaxValueBytes = 128 * 1024 });

        var items = reader.ReadObjects().ToList();

        Assert.Contains("larger than the limit", items.Single().Error!.Message, StringComparison.Ordinal);
    }

    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
