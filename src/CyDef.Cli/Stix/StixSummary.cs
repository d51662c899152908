using System.Diagnostics;
using CyDef.Patterns;
using CyDef.Stix.Validation;
using Spectre.Console;

namespace CyDef.Cli.Stix;

/// <summary><c>cydef stix summary</c>: a table of the objects in STIX files, by type, with their validity.</summary>
internal static class StixSummary
{
    private static readonly ValidationOptions Options = new() { PatternValidator = PatternValidation.Validator };

    public static int Run(IEnumerable<FileInfo> files, TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var counts = new SortedDictionary<string, TypeCount>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var file in files)
        {
            try
            {
                using var stream = StixInput.Open(file);
                Count(stream, counts);
                bytes += stream.CanSeek ? stream.Length : 0;
            }
            catch (IOException e)
            {
                error.WriteLine($"cydef: {StixInput.DisplayName(file)}: {e.Message}");
                return CommandLine.UsageOrIoError;
            }
        }

        Render(console, counts, bytes, stopwatch.Elapsed);
        return counts.Values.Any(c => c.Invalid > 0) ? CommandLine.Invalid : CommandLine.Ok;
    }

    private static void Count(Stream stream, SortedDictionary<string, TypeCount> counts)
    {
        foreach (var item in StixInput.Read(stream))
        {
            var type = item.Value?["type"]?.AsString() ?? "(unreadable)";
            if (!counts.TryGetValue(type, out var count))
            {
                counts[type] = count = new TypeCount();
            }

            count.Objects++;
            var report = item.Value is null ? null : StixValidator.ValidateObject(item, Options);
            if (report is null || !report.IsValid)
            {
                count.Invalid++;
            }

            count.Warnings += report?.Warnings.Count() ?? 0;
        }
    }

    private static void Render(IAnsiConsole console, SortedDictionary<string, TypeCount> counts, long bytes, TimeSpan elapsed)
    {
        var table = new Table().AddColumn("type").AddColumn(new TableColumn("objects").RightAligned())
            .AddColumn(new TableColumn("invalid").RightAligned()).AddColumn(new TableColumn("warnings").RightAligned());
        foreach (var (type, count) in counts.OrderByDescending(c => c.Value.Objects))
        {
            table.AddRow(Markup.Escape(type), $"{count.Objects:N0}", count.Invalid == 0 ? "0" : $"[red]{count.Invalid:N0}[/]", $"{count.Warnings:N0}");
        }

        var total = counts.Values.Sum(c => c.Objects);
        table.AddRow("[bold]total[/]", $"[bold]{total:N0}[/]", $"[bold]{counts.Values.Sum(c => c.Invalid):N0}[/]", $"[bold]{counts.Values.Sum(c => c.Warnings):N0}[/]");
        console.Write(table);
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        console.MarkupLine($"Read and validated {total:N0} objects ({bytes / 1e6:N1} MB) in {elapsed.TotalMilliseconds:N0} ms: {total / seconds:N0} objects/s.");
    }

    private sealed class TypeCount
    {
        public int Objects { get; set; }

        public int Invalid { get; set; }

        public int Warnings { get; set; }
    }
}
