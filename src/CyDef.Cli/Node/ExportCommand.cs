using System.CommandLine;
using System.Text.Json;
using CyDef.Server;
using CyDef.Storage;
using CyDef.Storage.Sqlite;

namespace CyDef.Cli.Node;

/// <summary>
/// <c>cydef export [--data DIR] [--type T]... [--all-versions] [--output FILE]</c>: writes a node's objects as one
/// STIX 2.1 bundle (the newest version of each object by default), streamed page by page in change-feed order.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = NodeRunner.DataOption();
        var types = new Option<string[]>("--type") { Description = "Only objects of this STIX type (repeatable).", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all-versions") { Description = "Every stored version, not only the newest of each object." };
        var file = new Option<FileInfo>("--output", "-o") { Description = "Write the bundle to this file instead of standard output." };
        var command = new Command("export", "Write a node's objects as a STIX 2.1 bundle (to standard output by default).") { data, types, all, file };
        command.SetAction((parse, token) => RunAsync(parse.GetValue(data) ?? NodeOptions.DefaultDataFolder, parse.GetValue(types) ?? [], parse.GetValue(all), parse.GetValue(file), parse.InvocationConfiguration, token));
        return command;
    }

    private static async Task<int> RunAsync(string folder, string[] types, bool allVersions, FileInfo? file, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, SqliteObjectStore.FileName)))
        {
            console.Error.WriteLine($"cydef: {Path.GetFullPath(folder)} holds no node store");
            return CommandLine.UsageOrIoError;
        }

        await using var store = await SqliteObjectStore.OpenAsync(folder, cancellationToken);
        var query = new ObjectQuery { Types = types, Versions = allVersions ? VersionFilter.All : VersionFilter.Last, Limit = ObjectQuery.MaxLimit };
        long count;
        if (file is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            count = await WriteBundleAsync(store, query, console.Output == Console.Out ? stdout : null, console.Output, cancellationToken);
        }
        else
        {
            await using var stream = file.Create();
            count = await WriteBundleAsync(store, query, stream, null, cancellationToken);
        }

        console.Error.WriteLine($"cydef: exported {count:N0} objects");
        return CommandLine.Ok;
    }

    private static async Task<long> WriteBundleAsync(IObjectStore store, ObjectQuery query, Stream? stream, TextWriter? text, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var target = stream ?? buffer;
        long count = 0;
        await using (var json = new Utf8JsonWriter(target, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "bundle");
            json.WriteString("id"u8, "bundle--" + Guid.NewGuid());
            json.WriteStartArray("objects"u8);
            ObjectPage page;
            do
            {
                page = await store.QueryAsync(query, cancellationToken);
                foreach (var item in page.Items)
                {
                    json.WriteRawValue(item.Json.Span, skipInputValidation: true);
                    count++;
                }

                await json.FlushAsync(cancellationToken);
                query = query with { After = page.Next };
            }
            while (page.More);

            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (stream is null)
        {
            text!.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }

        return count;
    }
}
