using System.CommandLine;
using CyDef.Cli.Stix;

namespace CyDef.Cli.Tests;

public sealed class StixValidateCommandTests : IDisposable
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run([StixCommands.Create()], args);

    [Fact]
    public void Validate_ValidObject_ExitsZero()
    {
        var (exit, output, _) = Run("stix", "validate", File("one.json", Indicator));

        Assert.Equal(0, exit);
        Assert.Equal("", output);
    }

    [Fact]
    public void Validate_BundleArrayAndNdjson_AreAllAccepted()
    {
        var bundle = File("bundle.json", $$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{Indicator}}]}""");
        var array = File("array.json", $"[{Indicator},{Indicator}]");
        var lines = File("lines.ndjson", $"{Indicator}\n{Indicator}\n");

        Assert.Equal(0, Run("stix", "validate", bundle, array, lines).Exit);
    }

    [Fact]
    public void Validate_InvalidObject_ExitsOneWithFilePathAndMessage()
    {
        var path = File("bad.json", Indicator.Replace("\"pattern_type\":\"stix\",", "", StringComparison.Ordinal));

        var (exit, output, _) = Run("stix", "validate", path);

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{path}: $: 'pattern_type' is a required property", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedJson_ExitsOneWithLineAndColumn()
    {
        var path = File("broken.ndjson", $"{Indicator}\n{{\"type\":\"indicator\",\"name\":tru}}\n");

        var (exit, output, _) = Run("stix", "validate", path);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{path}:2:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_ExitsTwo()
    {
        var (exit, _, error) = Run("stix", "validate", Path.Combine(_folder, "nope.json"));

        Assert.Equal(2, exit);
        Assert.Contains("nope.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoFile_IsAUsageErrorExitingTwo()
    {
        Assert.Equal(2, Run("stix", "validate").Exit);
        Assert.Equal(2, Run("stix", "validate", "--no-such-option", "x.json").Exit);
    }

    [Fact]
    public void Validate_StrictMode_CountsWarnings()
    {
        var path = File("custom.json", Indicator[..^1] + ",\"acme\":1}");

        Assert.Equal(0, Run("stix", "validate", path).Exit);
        Assert.Equal(1, Run("stix", "validate", "--strict", path).Exit);
    }

    [Fact]
    public void Summary_CountsObjectsByType()
    {
        var path = File("mixed.json", $"[{Indicator},{Indicator}]");

        var (exit, output, _) = Run("stix", "summary", path);

        Assert.Equal(0, exit);
        Assert.Contains("indicator", output, StringComparison.Ordinal);
        Assert.Contains("2 objects", output.Replace(",", "", StringComparison.Ordinal) + " ", StringComparison.Ordinal);
    }
}
