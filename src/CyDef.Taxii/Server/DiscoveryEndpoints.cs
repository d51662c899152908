using CyDef.Taxii.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CyDef.Taxii.Server;

/// <summary>Discovery (§4.1), API Root (§4.2) and status (§4.3).</summary>
internal static class DiscoveryEndpoints
{
    public static IResult GetDiscovery(HttpRequest request, CollectionRegistry registry, IOptions<TaxiiServerOptions> options)
    {
        var roots = registry.ApiRoots.Select(r => Url(request, r.Name)).ToList();
        var settings = options.Value;
        var discovery = new Discovery(settings.Title, settings.Description, settings.Contact, Url(request, registry.DefaultApiRoot), roots.Count > 0 ? roots : null);
        return TaxiiResults.Resource(discovery, TaxiiJsonContext.Default.Discovery);
    }

    public static IResult GetApiRoot(string apiRoot, CollectionRegistry registry)
    {
        if (TaxiiTarget.FindRoot(registry, apiRoot, out var root) is { } error)
        {
            return error;
        }

        var resource = new ApiRoot(root.Title, root.Description, [TaxiiMediaTypes.Taxii21], root.MaxContentLength);
        return TaxiiResults.Resource(resource, TaxiiJsonContext.Default.ApiRoot);
    }

    public static IResult GetStatus(string apiRoot, string statusId, HttpContext http, CollectionRegistry registry, StatusRegistry statuses)
    {
        if (TaxiiTarget.FindRoot(registry, apiRoot, out var root) is { } error)
        {
            return error;
        }

        var user = http.User;
        return statuses.Find(root.Name, statusId, user.Identity?.Name, Security.NodeClaims.IsAdministrator(user)) is { } status
            ? TaxiiResults.Resource(status, TaxiiJsonContext.Default.Status)
            : TaxiiResults.Error(StatusCodes.Status404NotFound, $"Status '{statusId}' not found.");
    }

    // Absolute URLs, from the address the client used (behind a proxy, ForwardedHeaders makes it the public one).
    private static string Url(HttpRequest request, string apiRoot) => $"{request.Scheme}://{request.Host}{request.PathBase}/{apiRoot}/";
}
