using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CyDef.Stix.Json;
using CyDef.Taxii.Resources;

namespace CyDef.Taxii.Client;

/// <summary>
/// A TAXII 2.1 client over an <see cref="HttpClient"/> (whose lifetime and authentication the caller owns; see
/// <see cref="UseApiKey"/>): discovery, API Roots, collections, objects page by page, manifests, versions, adding
/// objects and polling their status, deleting. Every request sends <c>Accept: application/taxii+json;version=2.1</c>;
/// an error status becomes a <see cref="TaxiiException"/> with the server's error resource.
/// </summary>
/// <param name="http">The HTTP client; its <see cref="HttpClient.BaseAddress"/> resolves relative URLs.</param>
public sealed partial class TaxiiClient(HttpClient http)
{
    private static readonly MediaTypeWithQualityHeaderValue Accept = MediaTypeWithQualityHeaderValue.Parse(TaxiiMediaTypes.Taxii21);

    /// <summary>Sends <paramref name="apiKey"/> as a bearer token on every request of <paramref name="client"/>.</summary>
    /// <param name="client">The HTTP client.</param>
    /// <param name="apiKey">The key.</param>
    public static void UseApiKey(HttpClient client, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Server discovery (§4.1) at <c>/taxii2/</c> of <paramref name="server"/> (the base address when null).</summary>
    /// <param name="server">The server's address.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Discovery> GetDiscoveryAsync(Uri? server = null, CancellationToken cancellationToken = default) =>
        GetAsync(new Uri(server ?? http.BaseAddress ?? throw new InvalidOperationException("No server address."), "/taxii2/"), TaxiiJsonContext.Default.Discovery, cancellationToken);

    /// <summary>API Root information (§4.2).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ApiRoot> GetApiRootAsync(Uri apiRoot, CancellationToken cancellationToken = default) =>
        GetAsync(apiRoot, TaxiiJsonContext.Default.ApiRoot, cancellationToken);

    /// <summary>The collections of an API Root (§5.1).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<Collection>> GetCollectionsAsync(Uri apiRoot, CancellationToken cancellationToken = default) =>
        (await GetAsync(Combine(apiRoot, "collections/"), TaxiiJsonContext.Default.CollectionList, cancellationToken).ConfigureAwait(false)).Collections ?? [];

    /// <summary>One collection (§5.2).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Collection> GetCollectionAsync(Uri apiRoot, string collection, CancellationToken cancellationToken = default) =>
        GetAsync(Combine(apiRoot, $"collections/{Uri.EscapeDataString(collection)}/"), TaxiiJsonContext.Default.Collection, cancellationToken);

    /// <summary>One page of objects (§5.4).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="filter">Filters and page size.</param>
    /// <param name="next">The previous page's <c>next</c> token.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<TaxiiEnvelope> GetObjectsPageAsync(Uri apiRoot, string collection, TaxiiFilter? filter = null, string? next = null, CancellationToken cancellationToken = default) =>
        GetEnvelopeAsync(Combine(apiRoot, $"collections/{Uri.EscapeDataString(collection)}/objects/", (filter ?? TaxiiFilter.None).ToQueryString(next)), cancellationToken);

    /// <summary>
    /// Every object that matches <paramref name="filter"/>, page after page (§3.5): with the <c>next</c> token when the
    /// server gives one, otherwise with <c>added_after</c> set to the page's X-TAXII-Date-Added-Last.
    /// </summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="filter">Filters and page size.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async IAsyncEnumerable<StixValue> GetObjectsAsync(Uri apiRoot, string collection, TaxiiFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= TaxiiFilter.None;
        string? next = null;
        while (true)
        {
            var page = await GetObjectsPageAsync(apiRoot, collection, filter, next, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Objects)
            {
                yield return item;
            }

            if (!page.More || (page.Next is null && page.DateAddedLast is null) || page.Objects.Count == 0)
            {
                yield break;
            }

            next = page.Next;
            if (next is null)
            {
                filter = filter with { AddedAfter = page.DateAddedLast };
            }
        }
    }

    /// <summary>One object's versions that match <paramref name="filter"/> (§5.6).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="objectId">The STIX id.</param>
    /// <param name="filter">Version filters and page size (ids and types are ignored by the server).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<TaxiiEnvelope> GetObjectAsync(Uri apiRoot, string collection, string objectId, TaxiiFilter? filter = null, CancellationToken cancellationToken = default) =>
        GetEnvelopeAsync(Combine(apiRoot, $"collections/{Uri.EscapeDataString(collection)}/objects/{Uri.EscapeDataString(objectId)}/", (filter ?? TaxiiFilter.None).ToQueryString()), cancellationToken);

    /// <summary>One page of the manifest (§5.3).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="filter">Filters and page size.</param>
    /// <param name="next">The previous page's <c>next</c> token.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Manifest> GetManifestAsync(Uri apiRoot, string collection, TaxiiFilter? filter = null, string? next = null, CancellationToken cancellationToken = default) =>
        GetAsync(Combine(apiRoot, $"collections/{Uri.EscapeDataString(collection)}/manifest/", (filter ?? TaxiiFilter.None).ToQueryString(next)), TaxiiJsonContext.Default.Manifest, cancellationToken);

    /// <summary>One page of an object's versions (§5.8).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="objectId">The STIX id.</param>
    /// <param name="filter">Filters and page size.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<VersionList> GetVersionsAsync(Uri apiRoot, string collection, string objectId, TaxiiFilter? filter = null, CancellationToken cancellationToken = default) =>
        GetAsync(Combine(apiRoot, $"collections/{Uri.EscapeDataString(collection)}/objects/{Uri.EscapeDataString(objectId)}/versions/", (filter ?? TaxiiFilter.None).ToQueryString()), TaxiiJsonContext.Default.VersionList, cancellationToken);

    /// <summary>A status resource (§4.3).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="statusId">The status's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Status> GetStatusAsync(Uri apiRoot, string statusId, CancellationToken cancellationToken = default) =>
        GetAsync(Combine(apiRoot, $"status/{Uri.EscapeDataString(statusId)}/"), TaxiiJsonContext.Default.Status, cancellationToken);

    private static Uri Combine(Uri apiRoot, string relative, string query = "")
    {
        var root = apiRoot.OriginalString.EndsWith('/') ? apiRoot : new Uri(apiRoot.OriginalString + "/", apiRoot.IsAbsoluteUri ? UriKind.Absolute : UriKind.Relative);
        var path = root.IsAbsoluteUri ? new Uri(root, relative).ToString() : root.OriginalString + relative;
        return new Uri(query.Length == 0 ? path : path + "?" + query, UriKind.RelativeOrAbsolute);
    }

    private async Task<T> GetAsync<T>(Uri uri, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
            ?? throw new TaxiiException((int)response.StatusCode, null, $"{uri}: the server answered null");
    }
}
