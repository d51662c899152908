using System.CommandLine;
using System.Text.Json;
using CyDef.Cli.Node;

namespace CyDef.Cli.Tests;

/// <summary><c>cydef import</c> and <c>cydef export</c> on a data folder.</summary>
public sealed class NodeDataCommandTests : IDisposable
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";
    private const string Malware = """{"type":"malware","spec_version":"2.1","id":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b","created":"2016-04-06T20:07:09.000Z","modified":"2016-04-06T20:07:09.000Z","name":"Poison Ivy","is_family":true}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-cli-node-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Data => Path.Combine(_folder, "data");

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run([ImportCommand.Create(), ExportCommand.Create()], args);

    [Fact]
    public void Import_Bundle_StoredAndSummarised()
    {
        var bundle = File("b.json", $$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{Indicator}},{{Malware}}]}""");

        var (exit, output, _) = Run("import", bundle, "--data", Data);

        Assert.Equal(0, exit);
        Assert.Matches(@"b\.json\s+2\s+0\s+0\s", output);
    }

    [Fact]
    public void Import_Twice_DuplicatesTheSecondTime()
    {
        var lines = File("l.ndjson", $"{Indicator}\n{Malware}\n");
        Run("import", lines, "--data", Data);

        var (exit, output, _) = Run("import", lines, "--data", Data);

        Assert.Equal(0, exit);
        Assert.Matches(@"l\.ndjson\s+0\s+2\s+0\s", output);
    }

    [Fact]
    public void Import_InvalidObject_Exit1WithTheReason()
    {
        var bad = File("bad.json", $"[{Indicator.Replace("\"pattern_type\":\"stix\",", "", StringComparison.Ordinal)},{Malware}]");

        var (exit, output, error) = Run("import", bad, "--data", Data);

        Assert.Equal(1, exit);
        Assert.Matches(@"bad\.json\s+1\s+0\s+1\s", output);
        Assert.Contains("pattern_type", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MissingFile_Exit2()
    {
        Assert.Equal(2, Run("import", Path.Combine(_folder, "nope.json"), "--data", Data).Exit);
    }

    [Fact]
    public void Export_AfterImport_BundleOfTheObjects()
    {
        Run("import", File("l.ndjson", $"{Indicator}\n{Malware}\n"), "--data", Data);

        var (exit, output, _) = Run("export", "--data", Data);
        var (_, malwareOnly, _) = Run("export", "--data", Data, "--type", "malware");

        Assert.Equal(0, exit);
        using var bundle = JsonDocument.Parse(output);
        Assert.Equal("bundle", bundle.RootElement.GetProperty("type").GetString());
        Assert.Equal(["indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"], bundle.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        using var filtered = JsonDocument.Parse(malwareOnly);
        Assert.Equal("malware", Assert.Single(filtered.RootElement.GetProperty("objects").EnumerateArray()).GetProperty("type").GetString());
    }

    [Fact]
    public void Export_ToFile_ReimportsAsDuplicates()
    {
        Run("import", File("l.ndjson", $"{Indicator}\n{Malware}\n"), "--data", Data);
        var exported = Path.Combine(_folder, "out.json");

        Run("export", "--data", Data, "--output", exported);
        var (exit, output, _) = Run("import", exported, "--data", Data);

        Assert.Equal(0, exit);
        Assert.Matches(@"out\.json\s+0\s+2\s+0\s", output);
    }

    [Fact]
    public void Export_NoStore_Exit2() =>
        Assert.Equal(2, Run("export", "--data", Path.Combine(_folder, "empty")).Exit);
}
