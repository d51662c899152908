using System.Globalization;
using Xunit.Abstractions;

namespace CyDef.Patterns.Tests;

/// <summary>
/// Replays the reference pattern validator's verdicts (cti-pattern-validator) against <see cref="StixPattern.Parse"/>.
/// Every disagreement must be listed, with the section of STIX 2.1 that decides it, in
/// tests/data/patterns/stix2patterns-disagreements.tsv.
/// </summary>
public sealed class PatternConformanceTests(ITestOutputHelper output)
{
    private const string DisagreementsFile = "stix2patterns-disagreements.tsv";

    [Fact]
    public void Replay_Stix21Records_AgreeOnAtLeast98Percent()
    {
        var records = PatternCorpus.Records.Where(r => r.Version == "2.1").ToList();
        var agree = records.Count(r => r.Agrees);
        var stix20 = PatternCorpus.Records.Where(r => r.Version == "2.0").ToList();
        output.WriteLine($"STIX 2.1 records: {agree} of {records.Count} agree ({Percent(agree, records.Count)})");
        output.WriteLine($"STIX 2.0 records (parsed as 2.1, not asserted): {stix20.Count(r => r.Agrees)} of {stix20.Count} agree");
        foreach (var record in records.Where(r => !r.Agrees))
        {
            output.WriteLine($"  line {record.Line}: reference {Verdict(record.Valid)}, ours {Ours(record)}: {record.Pattern}");
        }

        Assert.Equal(87, records.Count);
        Assert.True(agree >= 0.98 * records.Count, $"{agree} of {records.Count} records agree; at least 98 % must.");
    }

    [Fact]
    public void Replay_EveryDisagreement_IsListedWithItsSection()
    {
        var listed = ListedDisagreements();
        var actual = PatternCorpus.Records.Where(r => r.Version == "2.1" && !r.Agrees).ToList();
        var unlisted = actual.Where(r => !listed.ContainsKey(r.Line)).ToList();
        foreach (var record in unlisted)
        {
            output.WriteLine($"{record.Line}\t{record.Test}\t{Verdict(record.Valid)}\t{Ours(record)}");
        }

        var stale = listed.Keys.Where(line => actual.All(r => r.Line != line)).ToList();
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} disagreements are not listed in {DisagreementsFile} (see the test output)");
        Assert.True(stale.Count == 0, $"listed disagreements that now agree (remove them): {string.Join(", ", stale)}");
        Assert.All(listed.Values, section => Assert.Matches(@"^\d+(\.\d+)*$", section));
    }

    [Fact]
    public void Replay_InvalidRecords_FailAtTheReferenceOffset()
    {
        // The reference reports "line:column" (0-based column); for one-line patterns that is our offset.
        // Semantic checks of the reference report no position; our errors on those may point anywhere.
        var located = PatternCorpus.Records
            .Where(r => r.Version == "2.1" && !r.Valid && r.Agrees && ReferenceColumn(r) is not null && !r.Pattern.Contains('\n'))
            .ToList();
        var same = located.Count(r => r.Ours.Error!.Offset == ReferenceColumn(r));
        output.WriteLine($"invalid 2.1 records with a reference position: ours at the same offset for {same} of {located.Count}");
        foreach (var record in located.Where(r => r.Ours.Error!.Offset != ReferenceColumn(r)))
        {
            output.WriteLine($"  line {record.Line}: reference {ReferenceColumn(record)}, ours {record.Ours.Error}: {record.Pattern}");
        }

        Assert.NotEmpty(located);
        Assert.All(located, r => Assert.Equal(ReferenceColumn(r), r.Ours.Error!.Offset));
    }

    private static int? ReferenceColumn(PatternCorpus.Record record)
    {
        const string Prefix = "FAIL: Error found at line 1:";
        var first = record.Errors.FirstOrDefault() ?? "";
        if (!first.StartsWith(Prefix, StringComparison.Ordinal) || first.Contains("missing square brackets", StringComparison.Ordinal))
        {
            return null;
        }

        var end = first.IndexOf('.', Prefix.Length);
        return int.Parse(first.AsSpan(Prefix.Length, end - Prefix.Length), CultureInfo.InvariantCulture);
    }

    private static Dictionary<int, string> ListedDisagreements()
    {
        var path = Path.Combine(PatternCorpus.Directory, DisagreementsFile);
        return File.ReadLines(path).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split('\t'))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => f[4]);
    }

    private static string Verdict(bool valid) => valid ? "valid" : "invalid";

    private static string Ours(PatternCorpus.Record record) => record.Ours.Success ? "valid" : $"invalid: {record.Ours.Error}";

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
