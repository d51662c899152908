using System.CommandLine;
using System.Text.Json;
using CyDef.Cli.Node;

namespace CyDef.Cli.Tests;

/// <summary><c>cydef import</c> and <c>cydef export</c> on a data folder.</summary>
public sealed class NodeDataCommandTests : IDisposable
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";
    private const string Malware = """{"type":"malware","spec_version":"2.1","id":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b","created":"2016-04-06T20:07:09.000Z","modified":"2016-04-06T20:07:09.000Z","name":"Poison Ivy","is_family":true}""";

    private const string TlpClear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
    private const string TlpGreen = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    private const string TlpAmber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-cli-node-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Data => Path.Combine(_folder, "data");

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static string MarkedId(int n) => $"indicator--{n:00000000}-0000-4000-8000-0000000000e1";

    // An indicator owned by another organisation than the node's, with one object-level TLP marking.
    private static string Marked(int n, string marking) =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"{{MarkedId(n)}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","created_by_ref":"identity--0000000a-0000-4000-8000-000000000000","name":"indicator {{n}}","pattern":"[ipv4-addr:value = '10.0.0.{{n}}']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["{{marking}}"]}""";

    // A CLEAR indicator whose description is AMBER.
    private static string Partly(int n) =>
        Marked(n, TlpClear)[..^1] + $$""","description":"amber details","granular_markings":[{"marking_ref":"{{TlpAmber}}","selectors":["description"]}]}""";

    private static Dictionary<string, JsonElement> Objects(string bundle) =>
        JsonDocument.Parse(bundle).RootElement.GetProperty("objects").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.Clone());

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run([ImportCommand.Create(), ExportCommand.Create(), Identities.UsersCommand.Create(), Identities.OrgsCommand.Create()], args);

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
    public void Export_DefaultAudience_OnlyWhatAnAnonymousUnclassifiedAudienceMayHave()
    {
        Run("import", File("m.ndjson", $"{Marked(1, TlpClear)}\n{Marked(2, TlpAmber)}\n{Marked(3, TlpGreen)}\n{Partly(4)}\n"), "--data", Data);

        var (exit, output, error) = Run("export", "--data", Data);

        Assert.Equal(0, exit);
        var objects = Objects(output);
        Assert.Equal([MarkedId(1), MarkedId(4)], objects.Keys.Order());
        Assert.False(objects[MarkedId(4)].TryGetProperty("description", out _)); // its AMBER part withheld
        Assert.True(objects[MarkedId(4)].TryGetProperty("name", out _));
        Assert.Contains("exported 2 objects as export (anonymous), unclassified", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_AudienceInTheNodesCommunity_GetsGreenButNeverAmber()
    {
        Run("import", File("m.ndjson", $"{Marked(1, TlpClear)}\n{Marked(2, TlpAmber)}\n{Marked(3, TlpGreen)}\n"), "--data", Data);

        var (exit, output, _) = Run("export", "--data", Data, "--organization", "identity--0000000b-0000-4000-8000-000000000000", "--community", "community--x", "--CyDef:Sharing:Communities:0=community--x");
        var (_, outsider, _) = Run("export", "--data", Data, "--community", "community--y", "--CyDef:Sharing:Communities:0=community--x");

        Assert.Equal(0, exit);
        Assert.Equal([MarkedId(1), MarkedId(3)], Objects(output).Keys.Order());
        Assert.Equal([MarkedId(1)], Objects(outsider).Keys.Order());
    }

    [Fact]
    public void Export_AsUserOfTheNode_GetsWhatTheNodesUsersMayHave()
    {
        Run("import", File("m.ndjson", $"{Marked(1, TlpClear)}\n{Marked(2, TlpAmber)}\n"), "--data", Data);
        const string NodeOrganization = "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01"; // CyDef:Sharing:Organization's default
        Assert.Equal(0, Run("orgs", "add", "Node org", "--id", NodeOrganization, "--data", Data).Exit);
        Assert.Equal(0, Run("users", "add", "alice", "--role", "analyst", "--org", NodeOrganization, "--data", Data).Exit);

        var (exit, output, _) = Run("export", "--data", Data, "--as-user", "alice");

        Assert.Equal(0, exit);
        Assert.Equal([MarkedId(1), MarkedId(2)], Objects(output).Keys.Order()); // AMBER: the node's organisation is a recipient
    }

    [Fact]
    public void Export_AsUnknownUserOrBadClearance_Exit2NothingWritten()
    {
        Run("import", File("m.ndjson", $"{Marked(1, TlpClear)}\n"), "--data", Data);

        var (unknownExit, unknownOutput, unknownError) = Run("export", "--data", Data, "--as-user", "nobody");
        var (badExit, _, badError) = Run("export", "--data", Data, "--clearance", "cosmic");

        Assert.Equal((2, ""), (unknownExit, unknownOutput));
        Assert.Contains("no user 'nobody'", unknownError, StringComparison.Ordinal);
        Assert.Equal(2, badExit);
        Assert.Contains("--clearance 'cosmic'", badError, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_NoStore_Exit2() =>
        Assert.Equal(2, Run("export", "--data", Path.Combine(_folder, "empty")).Exit);
}
