using System.Text.Json;
using System.Text.RegularExpressions;
using CyDef.Patterns;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Conformance.Tests;

/// <summary>
/// The OASIS STIX validator's recorded verdicts (tests/data/stix/stix2validator/stix2validator-calls.jsonl):
/// each STIX 2.1 call replayed through our validator with the same options.
/// </summary>
internal static partial class ValidatorCorpus
{
    public const string File = "stix2validator-calls.jsonl";

    public static IReadOnlyList<Record> Records { get; } = Load();

    /// <summary>One recorded call: where it is, what the reference said, and what we say.</summary>
    internal sealed record Record(int Line, string Test, bool RestsOnMust, string Expected, string Actual, string Detail)
    {
        public bool Agrees => Expected == Actual;
    }

    private static List<Record> Load()
    {
        var path = RepositoryFiles.Path("tests", "data", "stix", "stix2validator", File);
        var lines = System.IO.File.ReadAllLines(path);
        var failedTests = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("kind").GetString() == "test-outcome" && r.GetProperty("outcome").GetString() == "failed")
            .Select(r => r.GetProperty("test").GetString()!).ToHashSet();
        var records = new List<Record>();
        for (var i = 0; i < lines.Length; i++)
        {
            var root = JsonDocument.Parse(lines[i]).RootElement;
            var test = root.GetProperty("test").GetString()!;
            if (root.GetProperty("kind").GetString() == "test-outcome" || failedTests.Contains(test) || !IsStix21(root))
            {
                continue;
            }

            if (DeclaresStix20(root.GetProperty("input")))
            {
                Stix20Content++;
                continue;
            }

            records.Add(Replay(i + 1, test, root));
        }

        return records;
    }

    /// <summary>Records left out because their content declares spec_version 2.0 (the reference then applies its 2.0 rules).</summary>
    public static int Stix20Content { get; private set; }

    private static bool DeclaresStix20(JsonElement input)
    {
        var text = input.TryGetProperty("string", out var s) ? s.GetString()! : input.GetProperty("instance").GetRawText();
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        IEnumerable<JsonElement> all = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [root];
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("objects", out var objects) && objects.ValueKind == JsonValueKind.Array)
        {
            all = all.Concat(objects.EnumerateArray());
        }

        return all.Any(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("spec_version", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == "2.0");
    }

    // The 2.0 calls (options.version "2.0") test STIX 2.0 rules, which CyDef does not implement.
    private static bool IsStix21(JsonElement root) =>
        !root.GetProperty("input").TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Object
        || !options.TryGetProperty("version", out var version) || version.ValueKind == JsonValueKind.Null || version.GetString() == "2.1";

    private static Record Replay(int line, string test, JsonElement root)
    {
        var input = root.GetProperty("input");
        var (expected, restsOnMust) = ExpectedVerdict(root);
        var optionsResult = Options(input);
        if (optionsResult.Error is { } optionError)
        {
            return new Record(line, test, restsOnMust, expected, "rejected", optionError);
        }

        var text = input.TryGetProperty("string", out var s) ? s.GetString()! : input.GetProperty("instance").GetRawText();
        var parsed = StixJsonReader.Parse(text);
        if (!parsed.Success)
        {
            return new Record(line, test, restsOnMust, expected, expected == "rejected" ? "rejected" : "invalid", parsed.Error.ToString());
        }

        return Validate(line, test, restsOnMust, expected, parsed.Value, optionsResult.Options!);
    }

    private static Record Validate(int line, string test, bool restsOnMust, string expected, StixValue value, ValidationOptions options)
    {
        if (expected.StartsWith('[') && value.IsArray)
        {
            var verdicts = new List<string>();
            var details = new List<string>();
            foreach (var item in value.Items)
            {
                var itemReport = StixValidator.Validate(item, options);
                verdicts.Add(itemReport.IsValid ? "valid" : "invalid");
                details.AddRange(itemReport.Issues.Select(x => x.ToString()));
            }

            return new Record(line, test, restsOnMust, expected, $"[{string.Join(",", verdicts)}]", string.Join(" | ", details));
        }

        var report = StixValidator.Validate(value, options);
        var actual = report.IsValid ? "valid" : expected == "rejected" && IsMissingIdOrType(report) ? "rejected" : "invalid";
        return new Record(line, test, restsOnMust, expected, actual, string.Join(" | ", report.Issues.Select(x => x.ToString())));
    }

    // The reference raises (rejects the input before validating) when an object lacks 'id' or 'type'.
    private static bool IsMissingIdOrType(ValidationReport report) =>
        report.Errors.Any(e => e.Message is "'id' is a required property" or "'type' is a required property");

    private static (string Verdict, bool RestsOnMust) ExpectedVerdict(JsonElement root)
    {
        if (root.TryGetProperty("exception", out _))
        {
            return ("rejected", true);
        }

        var output = root.GetProperty("output");
        if (output.ValueKind == JsonValueKind.Array)
        {
            var verdicts = output.EnumerateArray().Select(o => o.GetProperty("result").GetBoolean() ? "valid" : "invalid");
            return ($"[{string.Join(",", verdicts)}]", output.EnumerateArray().All(RestsOnMust));
        }

        return (output.GetProperty("result").GetBoolean() ? "valid" : "invalid", RestsOnMust(output));
    }

    // A record rests on MUST rules when none of its errors is a best-practice ({code}) finding.
    private static bool RestsOnMust(JsonElement output) =>
        !output.TryGetProperty("errors", out var errors) || !errors.EnumerateArray().Any(e => ShouldCode().IsMatch(e.GetProperty("message").GetString()!));

    private static (ValidationOptions? Options, string? Error) Options(JsonElement input)
    {
        if (!input.TryGetProperty("options", out var o) || o.ValueKind != JsonValueKind.Object)
        {
            return (ValidationOptions.Default, null);
        }

        var enabled = Names(o, "enabled");
        var disabled = Names(o, "disabled");
        var unknown = (enabled ?? []).Concat(disabled ?? []).FirstOrDefault(n => !BestPracticeChecks.IsKnown(n));
        if (unknown is not null)
        {
            return (null, $"unknown check '{unknown}'");
        }

        var options = new ValidationOptions
        {
            Strict = Flag(o, "strict"),
            StrictTypes = Flag(o, "strict_types"),
            StrictProperties = Flag(o, "strict_properties"),
            EnforceReferences = Flag(o, "enforce_refs"),
            Interop = Flag(o, "interop"),
            EnabledChecks = enabled is null ? null : BestPracticeChecks.Expand(enabled),
            DisabledChecks = disabled is null ? null : BestPracticeChecks.Expand(disabled),
        };
        return (options with { PatternValidator = PatternValidation.CreateValidator(options) }, null);
    }

    private static bool Flag(JsonElement options, string name) =>
        options.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string[]? Names(JsonElement options, string name) =>
        options.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : null;

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex ShouldCode();
}
