using CyDef.Storage;
using CyDef.Taxii.Resources;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CyDef.Taxii.Server;

/// <summary>Get an Object (§5.6), Delete an Object (§5.7) and Get Object Versions (§5.8).</summary>
internal static class ObjectEndpoints
{
    public static async Task<IResult> GetObjectAsync(string apiRoot, string collectionId, string objectId, HttpContext http, CollectionRegistry registry, IOptions<TaxiiServerOptions> options, QueryGate gate, CancellationToken cancellationToken)
    {
        if (TaxiiTarget.FindReadable(registry, apiRoot, collectionId, http.User, out var target) is { } error)
        {
            return error;
        }

        if (Read(http, TaxiiParameters.Object, "object", target, objectId, options.Value, out var query) is { } bad)
        {
            return bad;
        }

        var store = await registry.GetStoreAsync(target.Collection, cancellationToken).ConfigureAwait(false);
        var page = await gate.QueryAsync(store, query.Query with { Ids = [objectId] }, http, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            if (!await gate.ExistsAsync(store, objectId, http, cancellationToken).ConfigureAwait(false))
            {
                return NotFound(objectId);
            }

            // The object may have been stored between the two reads: ask again, so that an object that exists is
            // not answered with an empty envelope unless the filters exclude every version.
            page = await gate.QueryAsync(store, query.Query with { Ids = [objectId] }, http, cancellationToken).ConfigureAwait(false);
        }

        return new EnvelopeResult(page, ObjectsEndpoints.NextToken(page, query));
    }

    public static async Task<IResult> GetVersionsAsync(string apiRoot, string collectionId, string objectId, HttpContext http, CollectionRegistry registry, IOptions<TaxiiServerOptions> options, QueryGate gate, CancellationToken cancellationToken)
    {
        if (TaxiiTarget.FindReadable(registry, apiRoot, collectionId, http.User, out var target) is { } error)
        {
            return error;
        }

        if (Read(http, TaxiiParameters.Versions, "versions", target, objectId, options.Value, out var query) is { } bad)
        {
            return bad;
        }

        var store = await registry.GetStoreAsync(target.Collection, cancellationToken).ConfigureAwait(false);
        var page = await gate.QueryAsync(store, query.Query with { Ids = [objectId], Versions = VersionFilter.All }, http, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            if (!await gate.ExistsAsync(store, objectId, http, cancellationToken).ConfigureAwait(false))
            {
                return NotFound(objectId);
            }

            // The object may have been stored between the two reads: ask again, so that an object that exists is
            // not answered with an empty envelope unless the filters exclude every version.
            page = await gate.QueryAsync(store, query.Query with { Ids = [objectId], Versions = VersionFilter.All }, http, cancellationToken).ConfigureAwait(false);
        }

        var versions = page.Items.Select(StoredVersions.VersionOf).ToList();
        var resource = versions.Count == 0 && !page.More ? new VersionList(null, null, null) : new VersionList(page.More, ObjectsEndpoints.NextToken(page, query), versions.Count > 0 ? versions : null);
        return TaxiiResults.Resource(resource, TaxiiJsonContext.Default.VersionList, page.DateAddedFirst, page.DateAddedLast);
    }

    /// <summary>
    /// Deletes the versions that <c>match[version]</c> and <c>match[spec_version]</c> select (by default the newest,
    /// as for Get). Needs read and write rights on the collection (neither: 404, so that the collection stays
    /// hidden; one: 403) and an administrator's key.
    /// </summary>
    public static async Task<IResult> DeleteObjectAsync(string apiRoot, string collectionId, string objectId, HttpContext http, CollectionRegistry registry, IOptions<TaxiiServerOptions> options, QueryGate gate, CancellationToken cancellationToken)
    {
        if (TaxiiTarget.Find(registry, apiRoot, collectionId, out var target) is { } error)
        {
            return error;
        }

        if (Denied(http, target.Collection, collectionId) is { } denied)
        {
            return denied;
        }

        if (Read(http, TaxiiParameters.Delete, "delete", target, objectId, options.Value, out var query) is { } bad)
        {
            return bad;
        }

        var store = await registry.GetStoreAsync(target.Collection, cancellationToken).ConfigureAwait(false);
        var page = await gate.QueryAsync(store, query.Query with { Ids = [objectId], Limit = ObjectQuery.MaxLimit, IncludeContent = false }, http, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            return NotFound(objectId);
        }

        foreach (var version in page.Items)
        {
            await store.DeleteAsync(objectId, version.Modified, cancellationToken).ConfigureAwait(false);
        }

        return TaxiiResults.Empty();
    }

    private static IResult? Denied(HttpContext http, CollectionRecord collection, string collectionId)
    {
        var read = NodeClaims.CanRead(http.User, collection);
        var write = NodeClaims.CanWrite(http.User, collection);
        if (!read && !write)
        {
            return TaxiiResults.Error(StatusCodes.Status404NotFound, $"Collection '{collectionId}' not found.");
        }

        return read && write && NodeClaims.IsAdministrator(http.User)
            ? null
            : TaxiiResults.Error(StatusCodes.Status403Forbidden, $"Deleting objects from collection '{collectionId}' needs an administrator with read and write rights.");
    }

    private static IResult? Read(HttpContext http, TaxiiParameters allowed, string endpoint, TaxiiTarget target, string objectId, TaxiiServerOptions options, out TaxiiQuery query)
    {
        query = null!;
        if (!StixIdentifier.IsValid(objectId))
        {
            return TaxiiResults.Error(StatusCodes.Status400BadRequest, $"'{objectId}' is not a STIX identifier (type--UUID, STIX 2.1 §2.9).");
        }

        query = TaxiiQuery.Read(http.Request.Query, allowed, ObjectsEndpoints.Scope(endpoint, target, objectId), options, out var problem)!;
        return query is null ? TaxiiResults.Error(StatusCodes.Status400BadRequest, problem!) : null;
    }

    private static IResult NotFound(string objectId) => TaxiiResults.Error(StatusCodes.Status404NotFound, $"Object '{objectId}' not found.");
}
