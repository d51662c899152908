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

    /// <summary>
    /// At least 98 % of the MUST records agree, leaving out only those where the reference contradicts the
    /// specification (kind "spec" in the list, each with its section); the raw figure is reported too.
    /// </summary>
    [Fact]
    public void Replay_RecordsThatRestOnMustRules_AgreeOnAtLeast98Percent()
    {
        var specDecided = ListedDisagreements().Where(d => d.Value.Kind == "spec").Select(d => d.Key).ToHashSet();
        var must = ValidatorCorpus.Records.Where(r => r.RestsOnMust).ToList();
        var agree = must.Count(r => r.Agrees);
        var judged = must.Where(r => !specDecided.Contains(r.Line)).ToList();
        var should = ValidatorCorpus.Records.Where(r => !r.RestsOnMust).ToList();
        output.WriteLine($"MUST records: {agree} of {must.Count} agree ({Percent(agree, must.Count)})");
        output.WriteLine($"MUST records where the reference follows the specification: {judged.Count(r => r.Agrees)} of {judged.Count} agree ({Percent(judged.Count(r => r.Agrees), judged.Count)})");
        output.WriteLine($"left out: {ValidatorCorpus.Stix20Content} records whose content declares spec_version 2.0");
        output.WriteLine($"SHOULD records: {should.Count(r => r.Agrees)} of {should.Count} agree ({Percent(should.Count(r => r.Agrees), should.Count)})");
        Assert.NotEmpty(judged);
        Assert.True(judged.Count(r => r.Agrees) >= 0.98 * judged.Count, $"{judged.Count(r => r.Agrees)} of {judged.Count} MUST records agree; at least 98 % must.");
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
        Assert.All(listed.Values, d => Assert.Matches(@"^\d+(\.\d+)*$", d.Section));
        Assert.All(listed.Values, d => Assert.Contains(d.Kind, (string[])["spec", "scope"]));
    }

    private static Dictionary<int, (string Section, string Kind)> ListedDisagreements()
    {
        var path = RepositoryFiles.Path("tests", "data", "stix", DisagreementsFile);
        return File.ReadLines(path).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split('\t'))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => (f[4], f[5]));
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
