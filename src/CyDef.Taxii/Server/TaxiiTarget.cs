using System.Security.Claims;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Http;

namespace CyDef.Taxii.Server;

/// <summary>The API Root and collection a request names, found and checked against the user's rights.</summary>
internal readonly record struct TaxiiTarget(ApiRootRecord Root, CollectionRecord Collection)
{
    public static IResult? FindRoot(CollectionRegistry registry, string apiRoot, out ApiRootRecord root)
    {
        root = registry.FindApiRoot(apiRoot)!;
        return root is null ? TaxiiResults.Error(StatusCodes.Status404NotFound, $"API Root '{apiRoot}' not found.") : null;
    }

    public static IResult? Find(CollectionRegistry registry, string apiRoot, string collectionId, out TaxiiTarget target)
    {
        target = default;
        if (FindRoot(registry, apiRoot, out var root) is { } error)
        {
            return error;
        }

        if (root.FindCollection(collectionId) is not { } collection)
        {
            return TaxiiResults.Error(StatusCodes.Status404NotFound, $"Collection '{collectionId}' not found.");
        }

        target = new TaxiiTarget(root, collection);
        return null;
    }

    // §5.4 and the other read endpoints: "If the Collection specifies can_read as false … SHOULD return a HTTP 403".
    public static IResult? FindReadable(CollectionRegistry registry, string apiRoot, string collectionId, ClaimsPrincipal user, out TaxiiTarget target) =>
        Find(registry, apiRoot, collectionId, out target) ?? (NodeClaims.CanRead(user, target.Collection)
            ? null
            : TaxiiResults.Error(StatusCodes.Status403Forbidden, $"You may not read collection '{collectionId}'."));

    public static IResult? FindWritable(CollectionRegistry registry, string apiRoot, string collectionId, ClaimsPrincipal user, out TaxiiTarget target) =>
        Find(registry, apiRoot, collectionId, out target) ?? (NodeClaims.CanWrite(user, target.Collection)
            ? null
            : TaxiiResults.Error(StatusCodes.Status403Forbidden, $"You may not add objects to collection '{collectionId}'."));
}
