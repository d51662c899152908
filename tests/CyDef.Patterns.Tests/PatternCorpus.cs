using System.Text.Json;

namespace CyDef.Patterns.Tests;

/// <summary>
/// The reference pattern validator's recorded verdicts (tests/data/patterns/stix2patterns-calls.jsonl, see the
/// README there): one record per call of <c>stix2patterns.validate</c>, numbered by its line in the file.
/// </summary>
internal static class PatternCorpus
{
    public static string Directory { get; } = RepositoryFiles.Path("tests", "data", "patterns");

    public static IReadOnlyList<Record> Records { get; } = Load();

    public static IReadOnlyList<string> SpecExamples { get; } =
        File.ReadLines(System.IO.Path.Combine(Directory, "spec_examples.txt")).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static List<Record> Load()
    {
        var lines = File.ReadAllLines(System.IO.Path.Combine(Directory, "stix2patterns-calls.jsonl"));
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
                case "stix2patterns.validate":
                    records.Add(Read(index + 1, test, root));
                    break;
            }
        }

        // Records of failed upstream tests are not reference behaviour (README).
        return records.Where(r => !failed.Contains(r.Test)).ToList();
    }

    private static Record Read(int line, string test, JsonElement root)
    {
        var input = root.GetProperty("input");
        var output = root.GetProperty("output");
        var errors = output.TryGetProperty("errors", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        return new Record(line, test, input.GetProperty("pattern").GetString()!, input.GetProperty("stix_version").GetString()!,
            output.GetProperty("valid").GetBoolean(), errors);
    }

    public sealed record Record(int Line, string Test, string Pattern, string Version, bool Valid, IReadOnlyList<string> Errors)
    {
        public PatternParseResult Ours { get; } = StixPattern.Parse(Pattern);

        public bool Agrees => Ours.Success == Valid;
    }
}
