using System.Globalization;
using Xunit.Abstractions;

namespace CyDef.Patterns.Tests;

/// <summary>
/// Replays the reference pattern matcher's verdicts (cti-pattern-matcher) against <see cref="PatternEvaluator"/>.
/// Verdicts compare as four classes: match, no match, pattern rejected (reference ParseException), evaluation
/// error (reference MatcherException). Every disagreement must be listed, with the section of STIX 2.1 that decides
/// it, in tests/data/patterns/stix2matcher-disagreements.tsv.
/// </summary>
public sealed class MatcherConformanceTests(ITestOutputHelper output)
{
    private const string DisagreementsFile = "stix2matcher-disagreements.tsv";

    [Fact]
    public void Replay_AllRecords_AgreeOnAtLeast99Percent()
    {
        var records = MatcherCorpus.Records;
        foreach (var version in new[] { "2.1", "2.0" })
        {
            var subset = records.Where(r => r.Version == version).ToList();
            output.WriteLine($"STIX {version}: {subset.Count(r => r.Agrees)} of {subset.Count} agree ({Percent(subset.Count(r => r.Agrees), subset.Count)})");
        }

        var agree = records.Count(r => r.Agrees);
        output.WriteLine($"overall: {agree} of {records.Count} agree ({Percent(agree, records.Count)})");
        foreach (var record in records.Where(r => !r.Agrees))
        {
            output.WriteLine($"  line {record.Line} ({record.Version}): reference {record.Expected}, ours {record.Ours} {record.Detail}: {record.Pattern}");
        }

        Assert.Equal(842, records.Count);
        Assert.True(agree >= 0.99 * records.Count, $"{agree} of {records.Count} records agree; at least 99 % must.");
    }

    [Theory]
    [InlineData("2.1")]
    [InlineData("2.0")]
    public void Replay_EachVersion_AgreesOnAtLeast99Percent(string version)
    {
        var records = MatcherCorpus.Records.Where(r => r.Version == version).ToList();
        var agree = records.Count(r => r.Agrees);
        Assert.NotEmpty(records);
        Assert.True(agree >= 0.99 * records.Count, $"STIX {version}: {agree} of {records.Count} records agree; at least 99 % must.");
    }

    [Fact]
    public void Replay_EveryDisagreement_IsListedWithItsSection()
    {
        var listed = ListedDisagreements();
        var actual = MatcherCorpus.Records.Where(r => !r.Agrees).ToList();
        var unlisted = actual.Where(r => !listed.ContainsKey(r.Line)).ToList();
        foreach (var record in unlisted)
        {
            output.WriteLine($"{record.Line}\t{record.Version}\t{record.Pattern}\t{record.Expected}\t{record.Ours}\t{record.Detail}");
        }

        var stale = listed.Keys.Where(line => actual.All(r => r.Line != line)).ToList();
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} disagreements are not listed in {DisagreementsFile} (see the test output)");
        Assert.True(stale.Count == 0, $"listed disagreements that now agree (remove them): {string.Join(", ", stale)}");
        Assert.All(listed.Values, section => Assert.Matches(@"^\d+(\.\d+)*$", section));
    }

    private static Dictionary<int, string> ListedDisagreements()
    {
        var path = Path.Combine(PatternCorpus.Directory, DisagreementsFile);
        return File.ReadLines(path).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split('\t'))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => f[6]);
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
