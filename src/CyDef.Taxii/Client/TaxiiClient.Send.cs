using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CyDef.Stix.Json;
using CyDef.Taxii.Resources;

namespace CyDef.Taxii.Client;

public sealed partial class TaxiiClient
{
    /// <summary>Adds objects to a collection (§5.5); returns the status the server answered with (maybe pending).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="objects">The STIX objects.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Status> AddObjectsAsync(Uri apiRoot, string collection, IEnumerable<StixValue> objects, CancellationToken cancellationToken = default)
    {
        var envelope = StixValue.Object([new StixProperty("objects", StixValue.Array(objects.ToArray()))]);
        using var content = new ByteArrayContent(StixJsonWriter.ToUtf8Bytes(envelope));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaTypes.Taxii21);
        var uri = Combine(apiRoot, $"collections/{Uri.EscapeDataString(collection)}/objects/");
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, uri) { Content = content }, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(body, TaxiiJsonContext.Default.Status, cancellationToken).ConfigureAwait(false)
            ?? throw new TaxiiException((int)response.StatusCode, null, $"{uri}: no status in the answer");
    }

    /// <summary>Adds objects and polls their status until it is complete.</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="objects">The STIX objects.</param>
    /// <param name="pollInterval">The time between polls (one second when null).</param>
    /// <param name="cancellationToken">Cancels the requests and the waiting.</param>
    public async Task<Status> AddObjectsAndWaitAsync(Uri apiRoot, string collection, IEnumerable<StixValue> objects, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var status = await AddObjectsAsync(apiRoot, collection, objects, cancellationToken).ConfigureAwait(false);
        while (!status.IsComplete)
        {
            await Task.Delay(pollInterval ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            status = await GetStatusAsync(apiRoot, status.Id, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>Deletes the versions of an object that <paramref name="filter"/> selects (§5.7; the newest by default).</summary>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="objectId">The STIX id.</param>
    /// <param name="filter">Version and spec_version filters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task DeleteObjectAsync(Uri apiRoot, string collection, string objectId, TaxiiFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var uri = Combine(apiRoot, $"collections/{Uri.EscapeDataString(collection)}/objects/{Uri.EscapeDataString(objectId)}/", (filter ?? TaxiiFilter.None).ToQueryString());
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, uri), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaxiiEnvelope> GetEnvelopeAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var parsed = StixJsonReader.ParseInPlace(bytes);
        if (parsed.Value is not { IsObject: true } envelope)
        {
            throw new TaxiiException((int)response.StatusCode, null, $"{uri}: the answer is not an envelope ({parsed.Error})");
        }

        var objects = envelope["objects"] is { IsArray: true } list ? list.Items.ToArray() : [];
        return new TaxiiEnvelope(
            envelope["more"]?.Kind == StixValueKind.True,
            envelope["next"]?.AsString(),
            objects,
            Header(response, "X-TAXII-Date-Added-First"),
            Header(response, "X-TAXII-Date-Added-Last"));
    }

    private static DateTimeOffset? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && TaxiiTimestamp.TryParse(values.FirstOrDefault(), out var instant) ? instant : null;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(Accept);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        request.Dispose();
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            TaxiiError? error = null;
            try
            {
                error = await response.Content.ReadFromJsonAsync(TaxiiJsonContext.Default.TaxiiError, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
            }

            var description = error?.Description ?? error?.Title ?? response.ReasonPhrase;
            throw new TaxiiException(status, error, string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.RequestUri}: {status} {description}"));
        }
    }
}
