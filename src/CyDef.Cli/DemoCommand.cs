using System.CommandLine;
using CyDef.Cli.Node;
using CyDef.Cli.Stix;

namespace CyDef.Cli;

/// <summary>
/// <c>cydef demo</c>: the quick start. Runs a node whose store starts with the demo content shipped with CyDef
/// (MITRE ATT&amp;CK for ICS and the OASIS example bundles); <c>--summary</c> only validates and summarises that content.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var summary = new Option<bool>("--summary") { Description = "Only validate and summarise the demo content; start no node." };
        var data = NodeRunner.DataOption();
        var urls = NodeRunner.UrlsOption();
        var command = new Command("demo", "Start a node with the bundled demo content (ATT&CK for ICS, OASIS examples) and print its URLs.") { summary, data, urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, token) => parse.GetValue(summary)
            ? Task.FromResult(Summarise(parse))
            : NodeRunner.RunAsync(parse, data, urls, loadDemo: true, token));
        return command;
    }

    private static int Summarise(ParseResult parse)
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
    }
}
