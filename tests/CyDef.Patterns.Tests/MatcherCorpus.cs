using System.Text.Json;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Tests;

/// <summary>
/// The reference pattern matcher's recorded verdicts (tests/data/patterns/stix2matcher-calls.jsonl, see the README
/// there): one record per call of <c>stix2matcher.match</c>, numbered by its line in the file. Records of failed
/// upstream tests are left out (not reference behaviour).
/// </summary>
internal static class MatcherCorpus
{
    public const string Match = "match";
    public const string NoMatch = "no match";
    public const string Rejected = "rejected";
    public const string Error = "error";

    public static IReadOnlyList<Record> Records { get; } = Load();

    private static List<Record> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(PatternCorpus.Directory, "stix2matcher-calls.jsonl"));
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var records = new List<Record>();
        for (var index = 0; index < lines.Length; index++)
        {
            using var json = JsonDocument.Parse(lines[index]);
            var root = json.RootElement;
            var test = root.GetProperty("test").GetString()!;
            switch (root.GetProperty("kind").GetString())
            {
                case "test-outcome" when root.GetProperty("outcome").GetString() != "passed":
                    failed.Add(test);
                    break;
                case "stix2matcher.match":
                    records.Add(Read(index + 1, test, root));
                    break;
            }
        }

        return records.Where(r => !failed.Contains(r.Test)).ToList();
    }

    private static Record Read(int line, string test, JsonElement root)
    {
        var input = root.GetProperty("input");
        var expected = root.TryGetProperty("exception", out var exception)
            ? exception.GetString() == "ParseException" ? Rejected : Error
            : root.GetProperty("output").GetBoolean() ? Match : NoMatch;
        return new Record(line, test, input.GetProperty("pattern").GetString()!, input.GetProperty("stix_version").GetString()!,
            input.GetProperty("observed_data").GetRawText(), expected);
    }

    public sealed record Record(int Line, string Test, string Pattern, string Version, string ObservedData, string Expected)
    {
        private string? _ours;

        /// <summary>Our verdict: match, no match, rejected (the pattern does not parse) or error (cannot evaluate).</summary>
        public string Ours => _ours ??= Evaluate();

        /// <summary>Our message for rejected patterns and errors.</summary>
        public string? Detail { get; private set; }

        public bool Agrees => Ours == Expected;

        private string Evaluate()
        {
            var parsed = StixPattern.Parse(Pattern, Version == "2.0" ? StixPatternVersion.Stix20 : StixPatternVersion.Stix21);
            if (!parsed.TryGetValue(out var pattern))
            {
                Detail = parsed.Error!.ToString();
                return Rejected;
            }

            var observations = ObservedDataReader.Read(StixJsonReader.Parse(ObservedData).GetValueOrThrow());
            if (!observations.Success)
            {
                Detail = observations.Error;
                return Error;
            }

            var result = new PatternEvaluator(pattern).Evaluate(observations.Observations);
            Detail = result.Error;
            return result.Outcome switch
            {
                PatternOutcome.Match => Match,
                PatternOutcome.NoMatch => NoMatch,
                _ => Error,
            };
        }
    }
}
