using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CyDef.Taxii.Server;

/// <summary>The TAXII 2.1 endpoints (OASIS Standard, 10 June 2021, §4 and §5) as minimal APIs.</summary>
public static class TaxiiApi
{
    /// <summary>
    /// Registers what the endpoints need: the options, the status resources (a hosted service, so that pending
    /// requests finish when the node stops) and the endpoint filter. The host registers the
    /// <see cref="CollectionRegistry"/> and the API-key authentication.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Changes to the options.</param>
    public static IServiceCollection AddTaxii(this IServiceCollection services, Action<TaxiiServerOptions>? configure = null)
    {
        var options = services.AddOptions<TaxiiServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StatusRegistry>();
        services.AddHostedService(static s => s.GetRequiredService<StatusRegistry>());
        services.AddSingleton<TaxiiEndpointFilter>();
        services.AddSingleton<QueryGate>();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<ApiRootConstraint>(ApiRootConstraint.Name));
        return services;
    }

    /// <summary>
    /// The answer to a path that names nothing (a fallback): a TAXII error resource (404) to a client that accepts
    /// TAXII, RFC 9457 problem details otherwise.
    /// </summary>
    /// <param name="http">The request.</param>
    public static IResult NotFound(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Headers.Accept.ToString().Contains(TaxiiMediaTypes.Taxii, StringComparison.OrdinalIgnoreCase)
            ? TaxiiResults.Error(StatusCodes.Status404NotFound, $"No TAXII resource at {http.Request.Path} (an unknown API Root?).")
            : TypedResults.Problem($"Nothing is served at {http.Request.Path}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    /// <summary>Maps discovery at <c>/taxii2/</c> and every API Root of the registry at <c>/{api-root}/</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The route group, for more conventions.</returns>
    public static RouteGroupBuilder MapTaxii(this IEndpointRouteBuilder app)
    {
        var taxii = app.MapGroup("").AddEndpointFilter<TaxiiEndpointFilter>().WithTags("TAXII 2.1");
        taxii.MapGet("/taxii2/", DiscoveryEndpoints.GetDiscovery).WithName("TaxiiDiscovery").WithSummary("Server discovery (§4.1)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/", DiscoveryEndpoints.GetApiRoot).WithSummary("API Root information (§4.2)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/status/{statusId}/", DiscoveryEndpoints.GetStatus).WithSummary("Status of an add-objects request (§4.3)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/collections/", CollectionEndpoints.GetCollections).WithSummary("Collections (§5.1)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/collections/{collectionId}/", CollectionEndpoints.GetCollection).WithSummary("A collection (§5.2)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/collections/{collectionId}/manifest/", ObjectsEndpoints.GetManifestAsync).WithSummary("Object manifests (§5.3)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/collections/{collectionId}/objects/", ObjectsEndpoints.GetObjectsAsync).WithSummary("Objects (§5.4)");
        taxii.MapPost("/{apiRoot:taxiiApiRoot}/collections/{collectionId}/objects/", AddObjectsEndpoint.PostAsync).WithSummary("Add objects (§5.5)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/collections/{collectionId}/objects/{objectId}/", ObjectEndpoints.GetObjectAsync).WithSummary("An object (§5.6)");
        taxii.MapDelete("/{apiRoot:taxiiApiRoot}/collections/{collectionId}/objects/{objectId}/", ObjectEndpoints.DeleteObjectAsync).WithSummary("Delete an object (§5.7)");
        taxii.MapGet("/{apiRoot:taxiiApiRoot}/collections/{collectionId}/objects/{objectId}/versions/", ObjectEndpoints.GetVersionsAsync).WithSummary("Versions of an object (§5.8)");
        return taxii;
    }
}
