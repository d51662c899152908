using System.Text.Json;
using CyDef.Stix.Validation;
using Xunit.Abstractions;

namespace CyDef.Patterns.Tests;

/// <summary>
/// Replays the OASIS STIX validator's verdicts on indicators whose validity rests on their pattern
/// (tests/data/stix/stix2validator: v21 indicator tests named test_pattern_* and test_invalid_pattern), with
/// the options each call used, against <see cref="PatternValidation.CreateValidator"/>.
/// </summary>
public sealed class StixValidatorPatternTests(ITestOutputHelper output)
{
    [Fact]
    public void Replay_PatternRecordsOfStix21Indicators_AllAgree()
    {
        var records = Load().ToList();
        foreach (var (line, test, pattern, options, valid) in records)
        {
            var problem = PatternValidation.CreateValidator(options)(pattern);
            output.WriteLine($"{line}\t{test}\treference {(valid ? "valid" : "invalid")}\tours {problem ?? "valid"}\t{pattern}");
        }

        Assert.Equal(20, records.Count);
        Assert.All(records, r => Assert.True(PatternValidation.CreateValidator(r.Options)(r.Pattern) is null == r.Valid, $"line {r.Line}: {r.Test}"));
    }

    private static IEnumerable<(int Line, string Test, string Pattern, ValidationOptions Options, bool Valid)> Load()
    {
        var path = RepositoryFiles.Path("tests", "data", "stix", "stix2validator", "stix2validator-calls.jsonl");
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var test = root.GetProperty("test").GetString()!;
            if (root.GetProperty("kind").GetString() == "test-outcome" || !test.Contains("/v21/indicator_tests.py", StringComparison.Ordinal)
                || !(test.Contains("::test_pattern_", StringComparison.Ordinal) || test.EndsWith("::test_invalid_pattern", StringComparison.Ordinal)))
            {
                continue;
            }

            var input = root.GetProperty("input");
            var pattern = input.GetProperty("instance").GetProperty("pattern").GetString()!;
            yield return (line, test[(test.LastIndexOf(':') + 1)..], pattern, Options(input.GetProperty("options")), root.GetProperty("output").GetProperty("result").GetBoolean());
        }
    }

    private static ValidationOptions Options(JsonElement options) => new()
    {
        Strict = options.GetProperty("strict").GetBoolean(),
        StrictTypes = options.GetProperty("strict_types").GetBoolean(),
        StrictProperties = options.GetProperty("strict_properties").GetBoolean(),
        EnabledChecks = Checks(options.GetProperty("enabled")),
        DisabledChecks = Checks(options.GetProperty("disabled")),
    };

    private static HashSet<string>? Checks(JsonElement checks) =>
        checks.ValueKind == JsonValueKind.Array ? checks.EnumerateArray().Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal) : null;
}
