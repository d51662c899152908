using System.CommandLine;
using CyDef.Server;
using CyDef.Server.Security;
using CyDef.Storage;
using CyDef.Taxii.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Cli.Node;

/// <summary>Starts a node from the command line, prints where to reach it, and runs it until it is told to stop.</summary>
internal static class NodeRunner
{
    public static Option<string> DataOption() => new("--data") { Description = $"The node's data folder (default {NodeOptions.DefaultDataFolder})." };

    public static Option<string> UrlsOption() => new("--urls") { Description = $"Where to listen, e.g. http://0.0.0.0:5080 (default {NodeOptions.DefaultUrls})." };

    public static async Task<int> RunAsync(ParseResult parse, Option<string> data, Option<string> urls, bool loadDemo, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var args = new List<string>(parse.UnmatchedTokens) { $"--CyDef:LoadDemo={loadDemo}" };
        var folder = parse.GetValue(data);
        if (folder is not null)
        {
            args.Add($"--CyDef:DataFolder={folder}");
        }

        if (parse.GetValue(urls) is { } address)
        {
            args.Add($"--urls={address}");
        }

        WebApplication app;
        try
        {
            app = await CyDefNode.BuildAsync([.. args], cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"cydef: cannot open the node: {exception.Message}");
            return CommandLine.UsageOrIoError;
        }

        await using (app)
        {
            await app.StartAsync(cancellationToken);
            await PrintAsync(app, output, folder ?? NodeOptions.DefaultDataFolder, cancellationToken);
            await app.WaitForShutdownAsync(CancellationToken.None);
        }

        return CommandLine.Ok;
    }

    private static async Task PrintAsync(WebApplication app, TextWriter output, string folder, CancellationToken cancellationToken)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? NodeOptions.DefaultUrls;
        address = address.TrimEnd('/');
        var registry = app.Services.GetRequiredService<CollectionRegistry>();
        var objects = await app.Services.GetRequiredService<IObjectStore>().GetLastSequenceAsync(cancellationToken);
        var root = registry.DefaultApiRoot;
        var key = Environment.GetEnvironmentVariable(BootstrapKey.Variable) is { Length: > 0 }
            ? "$" + BootstrapKey.Variable
            : $"$(cat {Path.Combine(folder, BootstrapKey.FileName)})";
        output.WriteLine($"""
            CyDef node running: data in {Path.GetFullPath(folder)} ({objects:N0} object versions)
              TAXII 2.1 discovery  {address}/taxii2/
              API Root             {address}/{root}/   (collection 'default': {address}/{root}/collections/default/)
              REST API reference   {address}{CyDefNode.ReferencePath}   (OpenAPI: {address}{CyDefNode.OpenApiPath})
              Health               {address}/health
              Web UI               {address}/   (the common operational picture: sign in with an API key's name and the key)
            Try:
              curl -u cydef:{key} -H 'Accept: {Taxii.TaxiiMediaTypes.Taxii21}' '{address}/{root}/collections/default/objects/?limit=2'
            Ctrl+C stops the node.
            """);
    }
}
