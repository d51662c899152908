using System.CommandLine;
using CyDef.Cli.Node;
using CyDef.Sharing.Signatures;

namespace CyDef.Cli.Tests;

/// <summary><c>cydef keys</c> on a data folder.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","name":"C2","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-cli-keys-").FullName;

    public KeysCommandTests() => Directory.CreateDirectory(Data);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Data => Path.Combine(_folder, "data");

    private string Path_(string name) => Path.Combine(_folder, name);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run([KeysCommand.Create()], args);

    [Fact]
    public void Show_AFreshFolder_GeneratesAndListsTheCurrentKey()
    {
        var (exit, output, _) = Run("keys", "show", "--data", Data);

        Assert.Equal(0, exit);
        Assert.Matches("^[0-9a-f]{32}  created \\S+  current\n$", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Show_NoSuchFolder_ExitsTwo()
    {
        var (exit, _, error) = Run("keys", "show", "--data", Path_("missing"));

        Assert.Equal(2, exit);
        Assert.Contains("not a node's data folder", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path_("missing")));
    }

    [Fact]
    public void Rotate_ThenShow_ListsTheRetiredAndTheNewKey()
    {
        Run("keys", "show", "--data", Data);

        var (exit, output, _) = Run("keys", "rotate", "--data", Data);
        var shown = Run("keys", "show", "--data", Data).Output;

        Assert.Equal(0, exit);
        Assert.StartsWith("current key ", output, StringComparison.Ordinal);
        Assert.Contains("retired", shown, StringComparison.Ordinal);
        Assert.Equal(2, shown.Trim().Split('\n').Length);
    }

    [Fact]
    public void ExportPublic_WritesATrustRecordThatReads()
    {
        var (exit, _, _) = Run("keys", "export-public", "--data", Data, "--node", "identity--00000000-0000-4000-8000-00000000000a", "-o", Path_("trust.json"));

        Assert.Equal(0, exit);
        Assert.True(TrustRecord.TryParse(File.ReadAllText(Path_("trust.json")), out var record, out var error), error);
        Assert.Equal("identity--00000000-0000-4000-8000-00000000000a", record.Node);
    }

    [Fact]
    public void SignThenVerify_ValidAndATamperedCopyFailsWithItsReason()
    {
        File.WriteAllText(Path_("in.json"), Indicator);
        Run("keys", "export-public", "--data", Data, "-o", Path_("trust.json"));
        var signed = Run("keys", "sign", "--data", Data, Path_("in.json"));
        File.WriteAllText(Path_("signed.ndjson"), signed.Output);
        File.WriteAllText(Path_("tampered.ndjson"), signed.Output.Replace("\"C2\"", "\"C3\"", StringComparison.Ordinal) + Indicator + "\n");

        var good = Run("keys", "verify", Path_("signed.ndjson"), "--trust", Path_("trust.json"));
        var bad = Run("keys", "verify", Path_("tampered.ndjson"), "--trust", Path_("trust.json"));

        Assert.Equal(0, signed.Exit);
        Assert.Equal(0, good.Exit);
        Assert.Contains(": Valid (key ", good.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.Exit);
        Assert.Contains(": BadSignature: ", bad.Output, StringComparison.Ordinal);
        Assert.Contains(": Unsigned: no signature extension", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_ManyObjects_SignsThemInTreesOfAThousandThatVerify()
    {
        var objects = Enumerable.Range(0, 1001).Select(i => Indicator.Replace("98ee46b3cd3f", $"{i:x12}", StringComparison.Ordinal));
        File.WriteAllText(Path_("in.ndjson"), string.Join('\n', objects) + "\n");
        Run("keys", "export-public", "--data", Data, "-o", Path_("trust.json"));

        var signed = Run("keys", "sign", "--data", Data, Path_("in.ndjson"));
        File.WriteAllText(Path_("signed.ndjson"), signed.Output);
        var verified = Run("keys", "verify", Path_("signed.ndjson"), "--trust", Path_("trust.json"));

        Assert.Equal(0, signed.Exit);
        var lines = signed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1001, lines.Length);
        Assert.Contains("\"tree_size\":1000,\"leaf_index\":999,", lines[999], StringComparison.Ordinal);
        Assert.Contains("\"tree_size\":1,\"leaf_index\":0,", lines[1000], StringComparison.Ordinal);
        Assert.Equal(0, verified.Exit);
        Assert.Equal(1001, verified.Output.Split('\n').Count(l => l.Contains(": Valid (key ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Follow_AfterARotation_TakesTheEndorsedKey()
    {
        Run("keys", "export-public", "--data", Data, "--node", "n", "-o", Path_("old.json"));
        Run("keys", "rotate", "--data", Data);
        Run("keys", "export-public", "--data", Data, "--node", "n", "-o", Path_("new.json"));

        var (exit, output, _) = Run("keys", "follow", Path_("old.json"), Path_("new.json"));
        var refused = Run("keys", "follow", Path_("new.json"), Path_("old.json"));

        Assert.Equal(0, exit);
        Assert.True(TrustRecord.TryParse(output, out var record, out _));
        Assert.Equal(2, record.Keys.Count);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("drops key", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ABadTrustRecord_ExitsTwo()
    {
        File.WriteAllText(Path_("in.json"), Indicator);
        File.WriteAllText(Path_("trust.json"), "{}");

        var (exit, _, error) = Run("keys", "verify", Path_("in.json"), "--trust", Path_("trust.json"));

        Assert.Equal(2, exit);
        Assert.Contains("not a trust record", error, StringComparison.Ordinal);
    }
}
