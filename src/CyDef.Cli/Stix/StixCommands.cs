using System.CommandLine;
using CyDef.Patterns;
using CyDef.Stix.Validation;

namespace CyDef.Cli.Stix;

/// <summary><c>cydef stix …</c>: work on STIX 2.1 files.</summary>
internal static class StixCommands
{
    public static Command Create()
    {
        var stix = new Command("stix", "Work on STIX 2.1 files: validate them, summarise them.");
        stix.Subcommands.Add(CreateValidate());
        stix.Subcommands.Add(CreateSummary());
        return stix;
    }

    private static Command CreateValidate()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "STIX files: one object, a JSON array, a bundle, or NDJSON (one object per line). '-' reads standard input." };
        var strict = new Option<bool>("--strict") { Description = "Count SHOULD findings (best practices) as errors." };
        var warnings = new Option<bool>("--warnings") { Description = "Also print SHOULD findings." };
        var strictTypes = new Option<bool>("--strict-types") { Description = "Reject object types the specification does not define." };
        var strictProperties = new Option<bool>("--strict-properties") { Description = "Reject properties the specification does not define." };
        var command = new Command("validate", "Check STIX 2.1 content against every MUST of the specification. Exit 0: all valid; 1: some invalid; 2: usage or I/O error.")
        {
            files, strict, warnings, strictTypes, strictProperties,
        };
        command.SetAction(parse =>
        {
            var options = new ValidationOptions
            {
                Strict = parse.GetValue(strict),
                StrictTypes = parse.GetValue(strictTypes),
                StrictProperties = parse.GetValue(strictProperties),
            };
            options = options with { PatternValidator = PatternValidation.CreateValidator(options) };
            var printWarnings = parse.GetValue(warnings) || options.Strict;
            return new StixFileValidator(options, printWarnings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)
                .Run(parse.GetValue(files)!);
        });
        return command;
    }

    private static Command CreateSummary()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "STIX files to summarise." };
        var command = new Command("summary", "Count the objects of STIX files by type, with their validity.") { files };
        command.SetAction(parse => StixSummary.Run(parse.GetValue(files)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }
}
