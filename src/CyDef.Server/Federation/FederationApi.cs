using CyDef.Federation;
using CyDef.Server.Security;
using CyDef.Sharing;
using CyDef.Storage;
using CyDef.Taxii.Server;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CyDef.Server.Federation;

/// <summary>
/// Federation on the node: the peer links (<c>CyDef:Peers</c>) as a background service, the change-notice stream
/// that peers keep open (<c>GET /api/v1/changes/stream</c>, server-sent events gated by the sharing policy), the
/// deletions a pushing peer tells of (<c>POST /api/v1/changes/deletions</c>), and the peers' sync status
/// (<c>GET /api/v1/peers</c>, administrators).
/// </summary>
public static class FederationApi
{
    /// <summary>Registers the change-feed watcher and the federation service with the node's peers.</summary>
    /// <param name="services">The node's services.</param>
    /// <param name="configuration">The node's configuration (<c>CyDef:Peers</c>).</param>
    /// <param name="node">The node's settings (its data folder).</param>
    public static IServiceCollection AddNodeFederation(this IServiceCollection services, IConfiguration configuration, NodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(node);
        var sharing = configuration.GetSection(SharingOptions.Section).Get<SharingOptions>() ?? new SharingOptions();
        var settings = FederationSettings.Read(configuration, node.DataFolder, sharing.Organization);
        services.AddSingleton(settings);
        services.AddSingleton(FederationTrust.Read(configuration, settings));
        services.AddSingleton<IInboundCheck, SignatureInboundCheck>();
        services.TryAddSingleton<ChangeFeedWatcher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FeedTail>();
        services.AddSingleton<FederationService>();
        services.AddHostedService(static s => s.GetRequiredService<FederationService>());
        return services;
    }

    /// <summary>Maps the change-notice stream and the peers' status.</summary>
    /// <param name="app">The application.</param>
    public static IEndpointRouteBuilder MapFederation(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Federation");
        api.MapGet(FederationPaths.ChangeStream, ChangeStream.OpenAsync)
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(NodeClaims.PeerRole, NodeClaims.AdministratorRole))
            .WithSummary("Change notices (server-sent events): 'change' when a version the caller may see is accepted, 'heartbeat' every 15 s; with ?api_root=&collection=, 'objects' events carrying those versions; 'deleted' when a version the caller was allowed is deleted (from ?deletions_after=N)");
        api.MapPost(FederationPaths.Deletions, PostDeletionsAsync)
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(NodeClaims.PeerRole))
            .Accepts<string>("application/json")
            .WithSummary("A pushing peer's deletions: each version goes only if this node had it from that peer (the last hop of its provenance)");
        api.MapGet(FederationPaths.Peers, GetPeersAsync)
            .RequireAuthorization(NodeAuthorization.AdministratorPolicy)
            .WithSummary("The peers' sync status: cursor, lag, last success, last error, versions received and sent");
        return app;
    }

    // Bodies are pages of at most a few thousand deletions.
    private const long MaxDeletionsBody = 4 * 1024 * 1024;

    private static async Task<IResult> PostDeletionsAsync(HttpContext http, IObjectStore store, SharingGate sharing, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var viewer = sharing.View(store, http).Viewer;
        if (viewer.Kind != ViewerKind.Peer || viewer.Organization.Length == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a peer", detail: "Only a peer's key, which names its organisation, may tell of deletions.");
        }

        if (http.Request.ContentLength > MaxDeletionsBody)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many deletions at once", detail: $"Send at most {MaxDeletionsBody:N0} bytes per request.");
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (ChangeNotice.ReadDeletions(body, out var problem) is not { } notices)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a list of deletions", detail: problem);
        }

        var logger = loggers.CreateLogger("CyDef.Federation");
        var deleted = 0;
        foreach (var notice in notices)
        {
            deleted += await PeerDeletions.ApplyAsync(store, notice, viewer.Organization, viewer.Organization, logger, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(new DeletionsApplied(notices.Count, deleted));
    }

    private static async Task<Ok<IReadOnlyList<PeerStatus>>> GetPeersAsync(FederationService federation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await federation.StatusAsync(cancellationToken).ConfigureAwait(false));
}

/// <summary>What a push of deletions did here.</summary>
/// <param name="Told">The deletions in the request.</param>
/// <param name="Deleted">The versions deleted (those this node had from the caller).</param>
public sealed record DeletionsApplied(int Told, int Deleted);
