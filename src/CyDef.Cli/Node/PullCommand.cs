using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using CyDef.Server;
using CyDef.Storage.Sqlite;
using CyDef.Taxii.Client;

namespace CyDef.Cli.Node;

/// <summary>
/// <c>cydef pull URL [--collection C] [--key K | --user U:P] [--data DIR]</c>: copies a TAXII 2.1 collection into a
/// node's data folder. URL is a server (discovery finds its default API Root) or an API Root.
/// </summary>
internal static class PullCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "A TAXII 2.1 server (https://host/, its default API Root is used) or an API Root URL." };
        var collection = new Option<string>("--collection") { Description = "The collection's id or alias (default: the first one you may read)." };
        var key = new Option<string>("--key") { Description = "An API key, sent as Authorization: Bearer." };
        var user = new Option<string>("--user") { Description = "USER:PASSWORD for HTTP Basic." };
        var data = NodeRunner.DataOption();
        var command = new Command("pull", "Copy the objects of a TAXII 2.1 collection into a node's data folder. Exit 0: done; 1: some objects rejected; 2: error.") { url, collection, key, user, data };
        command.SetAction((parse, token) => !Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https")
            ? Task.FromResult(UsageError(parse, parse.GetValue(url)))
            : RunAsync(address, parse.GetValue(collection), Authorization(parse.GetValue(key), parse.GetValue(user)), parse.GetValue(data) ?? NodeOptions.DefaultDataFolder, parse.InvocationConfiguration, token));
        return command;
    }

    private static int UsageError(ParseResult parse, string? url)
    {
        parse.InvocationConfiguration.Error.WriteLine($"cydef: '{url}' is not an http or https URL");
        return CommandLine.UsageOrIoError;
    }

    private static AuthenticationHeaderValue? Authorization(string? key, string? user) =>
        key is not null ? new AuthenticationHeaderValue("Bearer", key)
        : user is not null ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)))
        : null;

    private static async Task<int> RunAsync(Uri url, string? collection, AuthenticationHeaderValue? authorization, string folder, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Authority)) };
        http.DefaultRequestHeaders.Authorization = authorization;
        var client = new TaxiiClient(http);
        try
        {
            var apiRoot = url.AbsolutePath is "/" or "/taxii2/" or "/taxii2"
                ? new Uri((await client.GetDiscoveryAsync(cancellationToken: cancellationToken)).Default ?? throw new TaxiiException($"{url}: discovery names no default API Root"))
                : url;
            collection ??= (await client.GetCollectionsAsync(apiRoot, cancellationToken)).FirstOrDefault(c => c.CanRead)?.Id
                ?? throw new TaxiiException($"{apiRoot}: no collection you may read");
            await using var store = await SqliteObjectStore.OpenAsync(folder, cancellationToken);
            var progress = new Progress<PullReport>(r => console.Error.Write($"\r{r.Read:N0} objects read, {r.Stored:N0} stored"));
            var report = await TaxiiPull.PullAsync(client, apiRoot, collection, store, progress: progress, cancellationToken: cancellationToken);
            console.Error.WriteLine();
            console.Output.WriteLine($"{apiRoot} collection {collection}: {report.Read:N0} objects in {report.Pages:N0} pages; {report.Stored:N0} stored, {report.Duplicates:N0} already there, {report.Rejected:N0} rejected");
            return report.Rejected > 0 ? CommandLine.Invalid : CommandLine.Ok;
        }
        catch (Exception exception) when (exception is TaxiiException or HttpRequestException)
        {
            console.Error.WriteLine($"cydef: {exception.Message}");
            return CommandLine.UsageOrIoError;
        }
    }
}
