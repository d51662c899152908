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

    // Where §9 and the reference disagree we follow §9 (tests/data/patterns/stix2matcher-disagreements.tsv): 10 records
    // of 2.1, 14 of 2.0, so exact agreement is about 97 %, short of the 99 % the issue hoped for. The floors below are
    // those figures, so that any new disagreement fails.
    [Theory]
    [InlineData("2.1", 0.975)]
    [InlineData("2.0", 0.965)]
    [InlineData(null, 0.97)]
    public void Replay_Records_AgreeAtLeastAsOftenAsListed(string? version, double floor)
    {
        var records = MatcherCorpus.Records.Where(r => version is null || r.Version == version).ToList();
        var agree = records.Count(r => r.Agrees);
        var refusals = records.Count(r => r.Agrees || (IsRefusal(r.Expected) && IsRefusal(r.Ours)));
        output.WriteLine($"STIX {version ?? "2.0 and 2.1"}: {agree} of {records.Count} agree ({Percent(agree, records.Count)}); " +
            $"counting a parse rejection and an evaluation error as one verdict (refused): {refusals} ({Percent(refusals, records.Count)})");
        foreach (var record in records.Where(r => !r.Agrees))
        {
            output.WriteLine($"  line {record.Line} ({record.Version}): reference {record.Expected}, ours {record.Ours} {record.Detail}: {record.Pattern}");
        }

        Assert.Equal(version switch { "2.1" => 411, "2.0" => 431, _ => 842 }, records.Count);
        Assert.True(agree >= floor * records.Count, $"{agree} of {records.Count} records agree; at least {floor:P1} must.");
    }

    [Fact]
    public void Replay_ListedDisagreements_StateOurVerdict()
    {
        var byLine = MatcherCorpus.Records.ToDictionary(r => r.Line);
        foreach (var row in Rows())
        {
            var record = byLine[int.Parse(row[0], CultureInfo.InvariantCulture)];
            Assert.Equal((record.Version, record.Pattern, record.Expected, record.Ours), (row[1], row[2], row[3], row[4]));
        }
    }

    private static bool IsRefusal(string verdict) => verdict is MatcherCorpus.Rejected or MatcherCorpus.Error;

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

    private static Dictionary<int, string> ListedDisagreements() =>
        Rows().ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => f[5]);

    private static IEnumerable<string[]> Rows() =>
        File.ReadLines(Path.Combine(PatternCorpus.Directory, DisagreementsFile))
            .Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split('\t'));

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
