using CyDef.Detection;
using CyDef.Federation;
using CyDef.Storage;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CyDef.Server.Detection;

/// <summary>
/// Detection on the node: the indicator index kept current from the change feed (<see cref="IndicatorFollower"/>),
/// sensors posting their events (<c>POST /api/v1/sensors/{sensor}/events</c>), their sightings written into the store
/// (<see cref="SightingSink"/>, <see cref="SightingFlusher"/>), and the exports sensors load
/// (<c>GET /api/v1/sensors/{sensor}/export</c>), read through the caller's sharing policy. docs/detection.md.
/// </summary>
public static class DetectionApi
{
    /// <summary>Where a sensor posts its events.</summary>
    public const string EventsPath = "/api/v1/sensors/{sensor}/events";

    /// <summary>Where a sensor reads its indicators.</summary>
    public const string ExportPath = "/api/v1/sensors/{sensor}/export";

    /// <summary>Registers the index, its follower, the sensors' identities and sightings (<c>CyDef:Detection</c>).</summary>
    /// <param name="services">The node's services.</param>
    /// <param name="configuration">The node's configuration.</param>
    /// <param name="dataFolder">The node's data folder, where the positions in followed sensor files are kept.</param>
    public static IServiceCollection AddNodeDetection(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DetectionOptions.Section).Get<DetectionOptions>() ?? new DetectionOptions();
        if (Problem(options) is { } problem)
        {
            throw new InvalidOperationException($"{DetectionOptions.Section}: {problem}");
        }

        var organization = (configuration.GetSection(SharingOptions.Section).Get<SharingOptions>() ?? new SharingOptions()).Organization;
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChangeFeedWatcher>();
        services.AddSingleton(s => new IndicatorIndex(s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new SensorIdentities(s.GetRequiredService<IObjectStore>(), organization, s.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SightingSink>(); // a host may put its own first (tests: a store that fails)
        services.AddSingleton<IndicatorFollower>();
        services.AddHostedService(static s => s.GetRequiredService<IndicatorFollower>());
        services.AddHostedService<SightingFlusher>();
        services.AddHostedService(s => new SensorFileFollower(options, dataFolder, s.GetRequiredService<IndicatorFollower>(), s.GetRequiredService<SightingSink>(),
            s.GetRequiredService<SensorIdentities>(), s.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SensorFileFollower>>()));
        return services;
    }

    /// <summary>Maps the sensors' routes.</summary>
    /// <param name="app">The application.</param>
    public static IEndpointRouteBuilder MapDetection(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Detection");
        api.MapPost(EventsPath, SensorEventsEndpoint.PostAsync)
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(NodeClaims.SensorRole, NodeClaims.AdministratorRole))
            .Accepts<string>("application/x-ndjson", "text/plain")
            .Produces<SensorBatchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Sensor output (NDJSON: Suricata EVE, Zeek, CEF; ?format=eve|zeek|cef) matched against the node's indicators; hits become sightings");
        api.MapGet(ExportPath, SensorExportEndpoint.GetAsync)
            .RequireAuthorization()
            .AddEndpointFilter(ReadsIndicators)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The currently valid indicators the caller may see, as Suricata rules or a dataset, a Zeek intel file or a blocklist (?format=…&type=…)");
        return app;
    }

    private static string? Problem(DetectionOptions options) =>
        options.Window < TimeSpan.FromSeconds(1) ? "Window must be at least one second."
        : options.FlushInterval < TimeSpan.FromMilliseconds(10) ? "FlushInterval must be at least 10 ms."
        : options.Sensors.FirstOrDefault(s => !DetectionOptions.IsWellFormed(s)) is { } bad ? $"Sensors: '{bad}' is not a well-formed sensor name."
        : options.Files.Select((f, i) => FileProblem(options, f, i)).FirstOrDefault(p => p is not null);

    private static string? FileProblem(DetectionOptions options, SensorFileOptions file, int index) =>
        string.IsNullOrWhiteSpace(file.Path) ? $"Files:{index}: Path is needed."
        : !options.IsKnown(file.Sensor) ? $"Files:{index}: Sensor '{file.Sensor}' is not a well-formed sensor name (or not among Sensors)."
        : file.Format is not { Length: > 0 } name || char.IsDigit(name[0]) || !Enum.TryParse<SensorFormat>(name, ignoreCase: true, out var format) || !Enum.IsDefined(format)
            ? $"Files:{index}: Format '{file.Format}' is not eve, zeek or cef."
        : null;

    // An export is a read of the node's own store: who may not read its indicators over TAXII may not here.
    private static async ValueTask<object?> ReadsIndicators(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var registry = http.RequestServices.GetRequiredService<CollectionRegistry>();
        var collection = registry.FindApiRoot(registry.DefaultApiRoot)?.Collections.FirstOrDefault(c => c.Alias == CollectionRegistry.DefaultCollectionAlias);
        return collection is not null && NodeClaims.CanRead(http.User, collection) && NodeClaims.MayReadType(http.User, "indicator--")
            ? await next(context).ConfigureAwait(false)
            : Results.Problem("This key may not read the node's indicators.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }
}
