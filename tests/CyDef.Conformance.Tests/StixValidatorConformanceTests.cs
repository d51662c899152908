using System.Globalization;
using Xunit.Abstractions;

namespace CyDef.Conformance.Tests;

/// <summary>
/// Replays the OASIS STIX validator's recorded verdicts. Figures go to the test output; every disagreement
/// must be listed, with the section that decides it, in tests/data/stix/stix2validator-disagreements.tsv.
/// </summary>
public sealed class StixValidatorConformanceTests(ITestOutputHelper output)
{
    private const string DisagreementsFile = "stix2validator-disagreements.tsv";

    [Fact]
    public void Replay_RecordsThatRestOnMustRules_AgreeOnAtLeast98Percent()
    {
        var must = ValidatorCorpus.Records.Where(r => r.RestsOnMust).ToList();
        var agree = must.Count(r => r.Agrees);
        var should = ValidatorCorpus.Records.Where(r => !r.RestsOnMust).ToList();
        output.WriteLine($"MUST records: {agree} of {must.Count} agree ({Percent(agree, must.Count)})");
        output.WriteLine($"SHOULD records: {should.Count(r => r.Agrees)} of {should.Count} agree ({Percent(should.Count(r => r.Agrees), should.Count)})");
        Assert.NotEmpty(must);
        Assert.True(agree >= 0.98 * must.Count, $"{agree} of {must.Count} MUST records agree; at least 98 % must.");
    }

    [Fact]
    public void Replay_EveryDisagreement_IsListedWithItsSection()
    {
        var listed = ListedDisagreements();
        var actual = ValidatorCorpus.Records.Where(r => !r.Agrees).ToList();
        var unlisted = actual.Where(r => !listed.ContainsKey(r.Line)).ToList();
        foreach (var record in unlisted)
        {
            output.WriteLine($"{record.Line}\t{(record.RestsOnMust ? "MUST" : "SHOULD")}\t{record.Test}\texpected {record.Expected}\tgot {record.Actual}\t{record.Detail}");
        }

        var stale = listed.Keys.Where(line => actual.All(r => r.Line != line)).ToList();
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} disagreements are not listed in {DisagreementsFile} (see the test output)");
        Assert.True(stale.Count == 0, $"listed disagreements that now agree (remove them): {string.Join(", ", stale)}");
        Assert.All(listed.Values, section => Assert.Matches(@"^\d+(\.\d+)*$", section));
    }

    private static Dictionary<int, string> ListedDisagreements()
    {
        var path = RepositoryFiles.Path("tests", "data", "stix", DisagreementsFile);
        return File.ReadLines(path).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split('\t'))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => f[4]);
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
