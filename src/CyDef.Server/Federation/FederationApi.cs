using CyDef.Federation;
using CyDef.Server.Security;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CyDef.Server.Federation;

/// <summary>
/// Federation on the node: the peer links (<c>CyDef:Peers</c>) as a background service, the change-notice stream
/// that peers keep open (<c>GET /api/v1/changes/stream</c>, server-sent events gated by the sharing policy), and the
/// peers' sync status (<c>GET /api/v1/peers</c>, administrators).
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
            .WithSummary("Change notices (server-sent events): 'change' when a version the caller may see is accepted, 'heartbeat' every 15 s; with ?api_root=&collection=, 'objects' events carrying those versions");
        api.MapGet(FederationPaths.Peers, GetPeersAsync)
            .RequireAuthorization(NodeAuthorization.AdministratorPolicy)
            .WithSummary("The peers' sync status: cursor, lag, last success, last error, versions received and sent");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<PeerStatus>>> GetPeersAsync(FederationService federation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await federation.StatusAsync(cancellationToken).ConfigureAwait(false));
}
