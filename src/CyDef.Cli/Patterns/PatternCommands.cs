using System.CommandLine;
using CyDef.Cli.Stix;
using CyDef.Patterns;
using CyDef.Stix.Json;

namespace CyDef.Cli.Patterns;

/// <summary><c>cydef pattern …</c>: check STIX patterns and match them against observed data.</summary>
internal static class PatternCommands
{
    public static Command Create()
    {
        var pattern = new Command("pattern", "Work on STIX 2.1 patterns (§9): validate them, match them against observed data.");
        pattern.Subcommands.Add(CreateValidate());
        pattern.Subcommands.Add(CreateMatch());
        return pattern;
    }

    private static Command CreateValidate()
    {
        var text = new Argument<string>("PATTERN") { Description = "The pattern, e.g. \"[ipv4-addr:value = '198.51.100.1']\"." };
        var command = new Command("validate", "Check a pattern against the grammar and rules of STIX 2.1 §9. Exit 0: valid; 1: invalid (message with character offset).")
        {
            text,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var result = StixPattern.Parse(parse.GetValue(text)!);
            if (result.Success)
            {
                output.WriteLine("valid");
                return CommandLine.Ok;
            }

            WriteError(output, parse.GetValue(text)!, result.Error);
            return CommandLine.Invalid;
        });
        return command;
    }

    private static Command CreateMatch()
    {
        var text = new Argument<string>("PATTERN") { Description = "The pattern." };
        var file = new Argument<FileInfo>("FILE") { Description = "Observed data: a JSON array of observed-data objects (with the SCOs their object_refs name), or a bundle. '-' reads standard input." };
        var command = new Command("match", "Evaluate a pattern against observed data and print 'match' or 'no match'. Exit 0: match; 1: no match; 2: invalid pattern or input.")
        {
            text, file,
        };
        command.SetAction(parse => Match(parse.GetValue(text)!, parse.GetValue(file)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Match(string text, FileInfo file, TextWriter output, TextWriter error)
    {
        var parsed = StixPattern.Parse(text);
        if (!parsed.TryGetValue(out var pattern))
        {
            error.Write("cydef: invalid pattern: ");
            WriteError(error, text, parsed.Error!);
            return CommandLine.UsageOrIoError;
        }

        if (ReadObservations(file, error) is not { } observations)
        {
            return CommandLine.UsageOrIoError;
        }

        var evaluation = new PatternEvaluator(pattern).Evaluate(observations);
        if (evaluation.Outcome == PatternOutcome.Error)
        {
            error.WriteLine($"cydef: {StixInput.DisplayName(file)}: cannot evaluate the pattern on this data: {evaluation.Error}");
            return CommandLine.UsageOrIoError;
        }

        output.WriteLine(evaluation.IsMatch ? "match" : "no match");
        return evaluation.IsMatch ? CommandLine.Ok : CommandLine.Invalid;
    }

    private static IReadOnlyList<Observation>? ReadObservations(FileInfo file, TextWriter error)
    {
        byte[] bytes;
        try
        {
            using var stream = StixInput.Open(file);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        catch (IOException e)
        {
            error.WriteLine($"cydef: {StixInput.DisplayName(file)}: {e.Message}");
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"cydef: {StixInput.DisplayName(file)}: {e.Message}");
            return null;
        }

        var json = StixJsonReader.Parse(bytes);
        if (!json.Success)
        {
            error.WriteLine($"cydef: {StixInput.DisplayName(file)}: {json.Error}");
            return null;
        }

        var observations = ObservedDataReader.Read(json.Value);
        if (!observations.Success)
        {
            error.WriteLine($"cydef: {StixInput.DisplayName(file)}: {observations.Error}");
            return null;
        }

        return observations.Observations;
    }

    /// <summary>The error, then the pattern with a caret under the offset.</summary>
    private static void WriteError(TextWriter writer, string text, PatternError error)
    {
        writer.WriteLine(error.ToString());
        if (!text.Contains('\n', StringComparison.Ordinal) && text.Length <= 200)
        {
            writer.WriteLine("  " + text);
            writer.WriteLine("  " + new string(' ', Math.Min(error.Offset, text.Length)) + "^");
        }
    }
}
