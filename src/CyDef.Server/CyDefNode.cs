using CyDef.Server.Detection;
using CyDef.Server.Federation;
using CyDef.Server.Health;
using CyDef.Server.Identities;
using CyDef.Server.Node;
using CyDef.Server.Security;
using CyDef.Server.Signing;
using CyDef.Server.Web;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Postgres;
using CyDef.Storage.Sqlite;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;
using ApiKeyOptions = CyDef.Taxii.Security.ApiKeyOptions;

namespace CyDef.Server;

/// <summary>
/// Builds a CyDef node: configuration (appsettings.json, environment, command line), the object store and collection
/// registry in the data folder, API-key authentication, TAXII 2.1, the REST API with its OpenAPI description and
/// reference page, health, structured logs and graceful shutdown.
/// </summary>
public static class CyDefNode
{
    /// <summary>Where the OpenAPI description is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Where the API reference page is served.</summary>
    public const string ReferencePath = "/docs";

    /// <summary>Builds the node's application; the store is open and, for a fresh node, the demo content loaded.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--CyDef:DataFolder</c>, …).</param>
    /// <param name="configure">Changes to the builder before it is built (tests use a test server).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(NodeOptions.DefaultUrls);
        }

        configure?.Invoke(builder);
        var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        ConfigureLogging(builder, node);
        using var startLogs = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        var logger = startLogs.CreateLogger("CyDef.Node");

        var store = await OpenStoreAsync(node, cancellationToken).ConfigureAwait(false);
        var registry = await CollectionRegistry.OpenAsync(node.DataFolder, store, cancellationToken: cancellationToken).ConfigureAwait(false);
        NodeLog.StoreOpened(logger, node.Postgres is null ? Path.GetFullPath(node.DataFolder) : "PostgreSQL", await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false));
        var publishing = NodeSigning.Open(builder.Configuration, node.DataFolder);
        builder.Services.AddNodeSigning(publishing);
        if (node.LoadDemo)
        {
            await DemoContent.LoadIfEmptyAsync(store, node.DemoFolder ?? DemoContent.DefaultFolder, logger, cancellationToken, publishing.Options).ConfigureAwait(false);
        }

        var communities = await builder.AddCyDefIdentitiesAsync(node, store, logger, cancellationToken, publishing.Options).ConfigureAwait(false);
        AddServices(builder, node, store, registry, logger, communities);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    private static async Task<IObjectStore> OpenStoreAsync(NodeOptions node, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(node.Postgres)
            ? await SqliteObjectStore.OpenAsync(node.DataFolder, cancellationToken).ConfigureAwait(false)
            : await PostgresObjectStore.OpenAsync(node.Postgres, cancellationToken).ConfigureAwait(false);

    private static void ConfigureLogging(WebApplicationBuilder builder, NodeOptions node)
    {
        builder.Logging.ClearProviders();
        if (string.Equals(node.LogFormat, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }

    private static void AddServices(WebApplicationBuilder builder, NodeOptions node, IObjectStore store, CollectionRegistry registry, ILogger logger, IReadOnlySet<string> communities)
    {
        var services = builder.Services;
        // Factories, not instances: the container disposes what a factory made when the node stops.
        services.AddSingleton(_ => store);
        services.AddSingleton(_ => registry);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var keys = Keys(builder.Configuration, node, logger);
        services.AddAuthentication(ApiKeyOptions.Scheme).AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyOptions.Scheme, o => o.Keys = keys);
        services.AddAuthorization(NodeAuthorization.AddPolicies);
        services.AddTaxii(o => builder.Configuration.GetSection("CyDef:Taxii").Bind(o));
        services.AddSingleton(Sharing(builder.Configuration, store, communities));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.AddWebUi();
        services.AddNodeFederation(builder.Configuration, node);
        services.AddNodeDetection(builder.Configuration, node.DataFolder);
    }

    // Every TAXII read goes through the sharing policy. Marking definitions are read from the store when an object
    // first refers to them; one the store does not hold denies (the policy fails closed). The node's communities are
    // the directory's (a live set).
    private static SharingGate Sharing(IConfiguration configuration, IObjectStore store, IReadOnlySet<string> communities)
    {
        var options = configuration.GetSection(SharingOptions.Section).Get<SharingOptions>() ?? new SharingOptions();
        var user = options.User() with { Communities = communities };
        var markings = new MarkingRegistry
        {
            Lookup = id => store.GetAsync(id).GetAwaiter().GetResult() is { } stored ? StixJsonReader.Parse(stored.Json.Span).Value : null,
        };
        return new SharingGate(new SharingPolicy(markings, options.Node() with { Communities = communities }), http => ViewerClaims.ViewerOf(http.User, user));
    }

    // Decided at start, so that a generated key's file exists before the first request.
    private static List<ApiKeyGrant> Keys(IConfiguration configuration, NodeOptions node, ILogger logger)
    {
        var keys = configuration.GetSection("CyDef:ApiKeys").Get<List<ApiKeyGrant>>() ?? [];
        if (BootstrapKey.Apply(keys, configuration[BootstrapKey.Variable] ?? Environment.GetEnvironmentVariable(BootstrapKey.Variable), node.DataFolder) is { } generated)
        {
            NodeLog.KeyGenerated(logger, Path.GetFullPath(generated));
        }

        if (keys.Select(ViewerClaims.Problem).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new InvalidOperationException($"CyDef:ApiKeys: {problem}");
        }

        return keys;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWebUi();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o.WithTitle("CyDef node API").WithOpenApiRoutePattern(OpenApiPath)).AllowAnonymous();
        app.MapTaxii();
        app.MapNodeApi();
        app.MapDirectoryApi();
        app.MapFederation();
        app.MapDetection();
        app.MapTrustRecord();
        app.MapFallback(TaxiiApi.NotFound);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CyDef.Node");
        app.Lifetime.ApplicationStopping.Register(() => NodeLog.Stopping(logger));
    }
}
