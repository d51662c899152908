using CyDef.Storage;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Server.Node;

/// <summary>
/// The node's own REST API (<c>/api/v1/…</c>): what the node is and holds, and search over its store. Errors are RFC
/// 9457 problem details. Any authenticated caller may ask what the node is; search and look-ups need the right to
/// read the node's default collection and answer through the sharing policy. Counts are administrators' only: the
/// change feed's position counts every version stored, including those the caller may not see.
/// </summary>
public static class NodeApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    public static RouteGroupBuilder MapNodeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Node");
        api.MapGet("/node", GetNodeAsync).WithSummary("The node: its API Roots, collections and (administrators) the store's last sequence number");
        api.MapGet("/search", SearchAsync).WithSummary("Newest versions whose names, descriptions or values hold every word of q")
            .AddEndpointFilter(ReadsDefaultCollection);
        api.MapGet("/observables/{value}", FindObservableAsync).WithSummary("Versions that mention an observable value (IP, domain, URL, hash…)")
            .AddEndpointFilter(ReadsDefaultCollection);
        return api;
    }

    private static async Task<Ok<NodeInfo>> GetNodeAsync(IObjectStore store, CollectionRegistry registry, HttpRequest request, CancellationToken cancellationToken)
    {
        // No count of what the caller may not see: only an administrator, who may see everything, gets one.
        long? last = NodeClaims.IsAdministrator(request.HttpContext.User) ? await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false) : null;
        var roots = registry.ApiRoots.Select(r => new NodeApiRoot(r.Name, $"{request.Scheme}://{request.Host}{request.PathBase}/{r.Name}/", r.Collections.Select(c => c.Alias ?? c.Id).ToList())).ToList();
        return TypedResults.Ok(new NodeInfo(last, $"{request.Scheme}://{request.Host}{request.PathBase}/taxii2/", roots));
    }

    private static async Task<Results<Ok<IReadOnlyList<ObjectSummary>>, ProblemHttpResult>> SearchAsync(string? q, int? limit, IObjectStore store, SharingGate sharing, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.Problem("The query parameter q (words to look for) is required.", statusCode: StatusCodes.Status400BadRequest, title: "Missing search words");
        }

        if (limit is < 1 or > ObjectQuery.MaxLimit)
        {
            return TypedResults.Problem($"limit must be between 1 and {ObjectQuery.MaxLimit}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad limit");
        }

        // Through the sharing policy, as every read of the node: no hit from what the caller may not see.
        var found = await sharing.View(store, http).SearchAsync(q, limit ?? 100, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ObjectSummary>>(found.Where(o => NodeClaims.MayReadType(http.User, o.Stored.Id)).Select(o => ObjectSummary.From(SharingGate.AsStored(o))).ToList());
    }

    private static async Task<Ok<IReadOnlyList<ObjectSummary>>> FindObservableAsync(string value, IObjectStore store, SharingGate sharing, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await sharing.View(store, http).FindObservableAsync(value, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ObjectSummary>>(found.Where(m => NodeClaims.MayReadType(http.User, m.Object.Stored.Id)).Select(m => ObjectSummary.From(SharingGate.AsStored(m.Object))).ToList());
    }

    // The REST reads are of the node's own store, the default collection's: who may not read it over TAXII may not here.
    private static async ValueTask<object?> ReadsDefaultCollection(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var registry = http.RequestServices.GetRequiredService<CollectionRegistry>();
        var collection = registry.FindApiRoot(registry.DefaultApiRoot)?.Collections.FirstOrDefault(c => c.Alias == CollectionRegistry.DefaultCollectionAlias);
        return collection is not null && NodeClaims.CanRead(http.User, collection)
            ? await next(context).ConfigureAwait(false)
            : TypedResults.Problem("This key may not read the node's default collection.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }
}
