using CyDef.Storage;
using CyDef.Taxii.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CyDef.Taxii.Server;

/// <summary>Get Objects (§5.4) and Get Object Manifests (§5.3): keyset pages on the collection's change feed.</summary>
internal static class ObjectsEndpoints
{
    public static async Task<IResult> GetObjectsAsync(string apiRoot, string collectionId, HttpContext http, CollectionRegistry registry, IOptions<TaxiiServerOptions> options, QueryGate gate, CancellationToken cancellationToken)
    {
        if (TaxiiTarget.FindReadable(registry, apiRoot, collectionId, http.User, out var target) is { } error)
        {
            return error;
        }

        if (TaxiiQuery.Read(http.Request.Query, TaxiiParameters.Objects, Scope("objects", target), options.Value, out var problem) is not { } query)
        {
            return TaxiiResults.Error(StatusCodes.Status400BadRequest, problem!);
        }

        var store = await registry.GetStoreAsync(target.Collection, cancellationToken).ConfigureAwait(false);
        var page = await gate.QueryAsync(store, query.Query, http, cancellationToken).ConfigureAwait(false);
        return new EnvelopeResult(page, NextToken(page, query));
    }

    public static async Task<IResult> GetManifestAsync(string apiRoot, string collectionId, HttpContext http, CollectionRegistry registry, IOptions<TaxiiServerOptions> options, QueryGate gate, CancellationToken cancellationToken)
    {
        if (TaxiiTarget.FindReadable(registry, apiRoot, collectionId, http.User, out var target) is { } error)
        {
            return error;
        }

        if (TaxiiQuery.Read(http.Request.Query, TaxiiParameters.Objects, Scope("manifest", target), options.Value, out var problem) is not { } query)
        {
            return TaxiiResults.Error(StatusCodes.Status400BadRequest, problem!);
        }

        var store = await registry.GetStoreAsync(target.Collection, cancellationToken).ConfigureAwait(false);
        var page = await gate.QueryAsync(store, query.Query, http, cancellationToken).ConfigureAwait(false);
        var records = page.Items.Select(static i => new ManifestRecord(i.Id, TaxiiTimestamp.ToString(i.DateAdded), StoredVersions.VersionOf(i), TaxiiMediaTypes.Stix(i.SpecVersion))).ToList();
        var manifest = records.Count == 0 && !page.More ? new Manifest(null, null, null) : new Manifest(page.More, NextToken(page, query), records.Count > 0 ? records : null);
        return TaxiiResults.Resource(manifest, TaxiiJsonContext.Default.Manifest, page.DateAddedFirst, page.DateAddedLast);
    }

    public static string? NextToken(ObjectPage page, TaxiiQuery query) =>
        page.More && page.Next is { } next ? PageToken.Create(next, query.Fingerprint) : null;

    public static string Scope(string endpoint, TaxiiTarget target, string? objectId = null) =>
        $"{endpoint}|{target.Root.Name}|{target.Collection.Id}|{objectId}";
}
