using System.CommandLine;
using CyDef.Cli.Patterns;

namespace CyDef.Cli.Tests;

public sealed class PatternCommandTests : IDisposable
{
    private const string Bundle = """
        {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
          {"type":"observed-data","spec_version":"2.1","id":"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf","created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z",
           "first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,
           "object_refs":["ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d"]},
          {"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","value":"198.51.100.3"},
          {"type":"network-traffic","spec_version":"2.1","id":"network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d","dst_ref":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","protocols":["tcp"]}
        ]}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run([PatternCommands.Create()], args);

    [Fact]
    public void Validate_ValidPattern_ExitsZero()
    {
        var (exit, output, _) = Run("pattern", "validate", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']");

        Assert.Equal(0, exit);
        Assert.Equal("valid", output.Trim());
    }

    [Fact]
    public void Validate_InvalidPattern_ExitsOneWithOffset()
    {
        var (exit, output, _) = Run("pattern", "validate", "[file:name = 'a'] WITHIN 5 second");

        Assert.Equal(1, exit);
        Assert.StartsWith("offset 27: ", output, StringComparison.Ordinal);
        Assert.Contains("SECONDS", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']", 0, "match")]
    [InlineData("[ipv4-addr:value = '198.51.100.4']", 1, "no match")]
    [InlineData("[ipv4-addr:value = '198.51.100.3'] REPEATS 2 TIMES", 1, "no match")]
    public void Match_Bundle_PrintsVerdictAndExitCode(string pattern, int expectedExit, string expectedOutput)
    {
        var (exit, output, _) = Run("pattern", "match", pattern, File("bundle.json", Bundle));

        Assert.Equal(expectedExit, exit);
        Assert.Equal(expectedOutput, output.Trim());
    }

    [Fact]
    public void Match_ArrayOfStix20ObservedData_Matches()
    {
        var path = File("array.json", """
            [{"type":"observed-data","first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,
              "objects":{"0":{"type":"domain-name","value":"example.com"}}}]
            """);

        Assert.Equal((0, "match"), (Run("pattern", "match", "[domain-name:value LIKE '%.com']", path) is var r ? (r.Exit, r.Output.Trim()) : default));
    }

    [Fact]
    public void Match_InvalidPattern_ExitsTwo()
    {
        var (exit, output, error) = Run("pattern", "match", "[ipv4-addr:value = ]", File("bundle.json", Bundle));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("invalid pattern", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""[{"type":"observed-data","first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":0,"object_refs":[]}]""")]
    public void Match_InvalidInput_ExitsTwo(string content)
    {
        var (exit, output, error) = Run("pattern", "match", "[ipv4-addr:value = '198.51.100.3']", File("bad.json", content));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("cydef: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_MissingFile_ExitsTwo()
    {
        Assert.Equal(2, Run("pattern", "match", "[a:b = 1]", Path.Combine(_folder, "absent.json")).Exit);
    }
}
