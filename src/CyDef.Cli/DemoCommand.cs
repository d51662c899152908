using System.CommandLine;
using CyDef.Cli.Stix;

namespace CyDef.Cli;

/// <summary>
/// <c>cydef demo</c>: the quick start. Validates and summarises the demo content shipped with CyDef
/// (MITRE ATT&amp;CK for ICS and the OASIS example bundles).
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Validate and summarise the bundled demo content (ATT&CK for ICS, OASIS examples).");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var folder = Path.Combine(AppContext.BaseDirectory, "demo");
            var files = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => new FileInfo(f)).ToArray()
                : [];
            if (files.Length == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"cydef: no demo content in {folder}");
                return CommandLine.UsageOrIoError;
            }

            output.WriteLine($"CyDef demo: {files.Length} STIX files from {folder}");
            return StixSummary.Run(files, output, parse.InvocationConfiguration.Error);
        });
        return command;
    }
}
