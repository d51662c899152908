using System.Net.Http.Headers;
using System.Text;
using CyDef.Storage;
using CyDef.Storage.Sqlite;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CyDef.Taxii.Tests;

/// <summary>The TAXII endpoints alone on a test server, over a fresh SQLite data folder.</summary>
internal sealed class TaxiiTestServer : IAsyncDisposable
{
    public const string AdminKey = "admin-key";
    public const string ReaderKey = "reader-key";
    public const string WriterKey = "writer-key";
    public const string Root = CollectionRegistry.DefaultApiRootName;

    private readonly WebApplication _app;

    private TaxiiTestServer(WebApplication app, string folder, IObjectStore store, CollectionRegistry registry)
    {
        _app = app;
        Folder = folder;
        Store = store;
        Registry = registry;
    }

    public string Folder { get; }

    public IObjectStore Store { get; }

    public CollectionRegistry Registry { get; }

    public IServiceProvider Services => _app.Services;

    public CollectionRecord DefaultCollection => Registry.FindApiRoot(Root)!.Collections[0];

    public string CollectionPath => $"/{Root}/collections/{DefaultCollection.Id}/";

    public static IReadOnlyList<ApiKeyGrant> DefaultKeys { get; } =
    [
        new() { Name = "admin", Key = AdminKey, Administrator = true },
        new() { Name = "reader", Key = ReaderKey, Read = ["*"] },
        new() { Name = "writer", Key = WriterKey, Read = ["*"], Write = ["*"] },
    ];

    public static async Task<TaxiiTestServer> StartAsync(
        Action<TaxiiServerOptions>? options = null,
        Func<string, CancellationToken, Task<IObjectStore>>? openStore = null,
        IReadOnlyList<ApiKeyGrant>? keys = null,
        string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "cydef-taxii-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = openStore is null ? await SqliteObjectStore.OpenAsync(folder) : await openStore(folder, CancellationToken.None);
        var registry = await CollectionRegistry.OpenAsync(folder, store, openStore);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(store);
        builder.Services.AddAuthentication(ApiKeyOptions.Scheme)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyOptions.Scheme, o => o.Keys = [.. keys ?? DefaultKeys]);
        builder.Services.AddTaxii(options);
        var app = builder.Build();
        app.UseAuthentication();
        app.MapTaxii();
        app.MapFallback(TaxiiApi.NotFound);
        await app.StartAsync();
        return new TaxiiTestServer(app, folder, store, registry);
    }

    /// <summary>A client with HTTP Basic credentials (any user name, the key as password) and the TAXII Accept header.</summary>
    public HttpClient Client(string? key = AdminKey)
    {
        var client = _app.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("someone:" + key)));
        }

        client.DefaultRequestHeaders.Accept.ParseAdd(TaxiiMediaTypes.Taxii21);
        return client;
    }

    public HttpClient RawClient() => _app.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Registry.DisposeAsync();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
