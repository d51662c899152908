using System.Security.Claims;
using CyDef.Taxii.Resources;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Http;

namespace CyDef.Taxii.Server;

/// <summary>Get Collections (§5.1) and Get a Collection (§5.2), with <c>can_read</c>/<c>can_write</c> for the requesting user.</summary>
internal static class CollectionEndpoints
{
    public static IResult GetCollections(string apiRoot, HttpContext http, CollectionRegistry registry)
    {
        if (TaxiiTarget.FindRoot(registry, apiRoot, out var root) is { } error)
        {
            return error;
        }

        var collections = root.Collections.Select(c => Resource(c, http.User)).ToList();
        return TaxiiResults.Resource(new CollectionList(collections.Count > 0 ? collections : null), TaxiiJsonContext.Default.CollectionList);
    }

    public static IResult GetCollection(string apiRoot, string collectionId, HttpContext http, CollectionRegistry registry) =>
        TaxiiTarget.Find(registry, apiRoot, collectionId, out var target)
        ?? TaxiiResults.Resource(Resource(target.Collection, http.User), TaxiiJsonContext.Default.Collection);

    private static Collection Resource(CollectionRecord record, ClaimsPrincipal user) => new(
        record.Id,
        record.Title,
        record.Description,
        record.Alias,
        NodeClaims.CanRead(user, record),
        NodeClaims.CanWrite(user, record),
        record.MediaTypes.Count > 0 ? record.MediaTypes : null);
}
