using System.CommandLine;
using CyDef.Server;
using CyDef.Server.Signing;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Storage.Sqlite;

namespace CyDef.Cli.Node;

/// <summary>
/// <c>cydef import FILE... [--data DIR]</c>: streams STIX files (bundles of any size, arrays, objects, NDJSON) into a
/// node's store, whether or not the node is running (SQLite in WAL mode lets both write in turn), signed with the
/// node's key as its publications (docs/federation.md), and prints a summary table. Exit 0: everything stored or already there; 1: some objects rejected; 2: usage or I/O error.
/// </summary>
internal static class ImportCommand
{
    private const int ShownRejections = 10;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "STIX files: bundles (streamed, any size), JSON arrays, objects or NDJSON." };
        var data = NodeRunner.DataOption();
        var command = new Command("import", "Store STIX files in a node's data folder (running or not), with a summary. Exit 0: all stored; 1: some rejected; 2: I/O error.") { files, data };
        command.SetAction((parse, token) => RunAsync(parse.GetValue(files)!, parse.GetValue(data) ?? NodeOptions.DefaultDataFolder, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, token));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo[] files, string folder, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var missing = files.FirstOrDefault(f => !f.Exists);
        if (missing is not null)
        {
            error.WriteLine($"cydef: {missing.FullName}: no such file");
            return CommandLine.UsageOrIoError;
        }

        await using var store = await SqliteObjectStore.OpenAsync(folder, cancellationToken);

        // What is imported is this node's publication: signed with its current key, as what its users add over TAXII.
        var signer = new ObjectSigner(NodeSigningKeys.Open(folder), Signed.Excluded);
        var options = IngestOptions.Default with { AdmitBatch = values => NodePublishing.Sign(signer, values) };
        var reports = new List<(FileInfo File, IngestReport Report)>();
        foreach (var file in files)
        {
            await using var input = file.OpenRead();
            var progress = new Progress<IngestProgress>(p => error.Write($"\r{file.Name}: {p.BytesRead * 100 / Math.Max(1, file.Length)} % ({p.Accepted:N0} stored, {p.Duplicates:N0} duplicates, {p.Rejected:N0} rejected)"));
            var report = await store.IngestAsync(input, options, progress, cancellationToken);
            error.WriteLine();
            reports.Add((file, report));
            foreach (var rejection in report.Rejections.Take(ShownRejections))
            {
                error.WriteLine($"{file.Name}: {rejection.Path}{(rejection.Id is null ? "" : $" ({rejection.Id})")}: {string.Join("; ", rejection.Reasons)}");
            }
        }

        Print(reports, output);
        return reports.Any(r => r.Report.Rejected > 0) ? CommandLine.Invalid : CommandLine.Ok;
    }

    private static void Print(List<(FileInfo File, IngestReport Report)> reports, TextWriter output)
    {
        var width = Math.Max(4, reports.Max(r => r.File.Name.Length));
        output.WriteLine($"{"File".PadRight(width)}  {"Stored",10}  {"Duplicates",10}  {"Rejected",10}  {"Seconds",8}");
        foreach (var (file, report) in reports)
        {
            output.WriteLine($"{file.Name.PadRight(width)}  {report.Accepted,10:N0}  {report.Duplicates,10:N0}  {report.Rejected,10:N0}  {report.Elapsed.TotalSeconds,8:F1}");
        }

        if (reports.Count > 1)
        {
            output.WriteLine($"{"Total".PadRight(width)}  {reports.Sum(r => r.Report.Accepted),10:N0}  {reports.Sum(r => r.Report.Duplicates),10:N0}  {reports.Sum(r => r.Report.Rejected),10:N0}  {reports.Sum(r => r.Report.Elapsed.TotalSeconds),8:F1}");
        }
    }
}
