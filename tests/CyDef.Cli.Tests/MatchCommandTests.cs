using System.CommandLine;
using System.Text.Json;
using CyDef.Cli.Detection;
using CyDef.Cli.Node;

namespace CyDef.Cli.Tests;

/// <summary><c>cydef match</c>: a node's indicators against sensor output, a bundle of sightings out.</summary>
public sealed class MatchCommandTests : IDisposable
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";
    private const string Revoked = """{"type":"indicator","spec_version":"2.1","id":"indicator--9e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.2']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z","revoked":true}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-cli-match-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Data => Path.Combine(_folder, "data");

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run([ImportCommand.Create(), MatchCommand.Create()], args);

    [Fact]
    public void Match_EveFile_PrintsSightingsAndSummary()
    {
        Run("import", File("i.json", Indicator + "\n" + Revoked + "\n"), "--data", Data);
        var eve = File("eve.json", string.Join("\n",
            """{"timestamp":"2024-01-15T10:00:00Z","event_type":"flow","src_ip":"10.0.0.5","dest_ip":"198.51.100.1"}""",
            """{"timestamp":"2024-01-15T10:20:00Z","event_type":"flow","src_ip":"10.0.0.5","dest_ip":"198.51.100.1"}""",
            """{"timestamp":"2024-01-15T10:30:00Z","event_type":"flow","src_ip":"10.0.0.5","dest_ip":"198.51.100.2"}""",
            """{"timestamp":"2024-01-15T10:30:00Z","event_type":"flow","src_ip":"10.0.0.5","dest""") + "\n");
        var (exit, output, error) = Run("match", "--data", Data, "--format", "eve", "--sensor", "ids-1", eve);
        Assert.Equal(1, exit);
        using var bundle = JsonDocument.Parse(output);
        var objects = bundle.RootElement.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(["identity", "sighting"], objects.Select(o => o.GetProperty("type").GetString()));
        Assert.Equal(2, objects[1].GetProperty("count").GetInt32());
        Assert.Equal("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", objects[1].GetProperty("sighting_of_ref").GetString());
        Assert.Contains("3 events, 2 hits, 1 sightings, 1 lines skipped", error, StringComparison.Ordinal);
        Assert.Contains("line 4: truncated", error, StringComparison.Ordinal);
        Assert.Equal(output, Run("match", "--data", Data, "--sensor", "ids-1", eve).Output);
    }

    [Fact]
    public void Match_NoStoreOrNoFile_IsUsageError()
    {
        Assert.Equal(2, Run("match", "--data", Data, "x.json").Exit);
        Run("import", File("i.json", Indicator + "\n"), "--data", Data);
        Assert.Equal(2, Run("match", "--data", Data, Path.Combine(_folder, "missing.json")).Exit);
    }
}
