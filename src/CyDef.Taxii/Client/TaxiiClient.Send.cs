using System.Buffers;
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
        var (buffer, length) = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            var (more, next, objects) = ReadEnvelope(buffer.AsSpan(0, length), uri, (int)response.StatusCode);
            return new TaxiiEnvelope(more, next, objects, Header(response, "X-TAXII-Date-Added-First"), Header(response, "X-TAXII-Date-Added-Last"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The response's body in a pooled buffer (return it), and its length.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var known = response.Content.Headers.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(known is > 0 and < int.MaxValue ? (int)known + 1 : 64 * 1024);
        var length = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// An envelope (§3.7) read object by object: each of its <c>objects</c> is parsed on its own (its strings slices of a
    /// copy of its own bytes), so that a page of thousands of objects never becomes one large array kept while any of
    /// them lives, and the body's buffer can go back to the pool.
    /// </summary>
    private static (bool More, string? Next, List<StixValue> Objects) ReadEnvelope(ReadOnlySpan<byte> json, Uri uri, int status)
    {
        var more = false;
        string? next = null;
        List<StixValue>? objects = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = StixReadOptions.Default.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotAnEnvelope("not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("objects"u8))
                {
                    if (objects is not null)
                    {
                        throw NotAnEnvelope("duplicate key 'objects'");
                    }

                    objects = ReadObjects(ref reader, json);
                }
                else
                {
                    var name = reader.ValueTextEquals("more"u8) ? 1 : reader.ValueTextEquals("next"u8) ? 2 : 0;
                    reader.Read();
                    more = name == 1 ? reader.TokenType == JsonTokenType.True : more;
                    next = name == 2 ? (reader.TokenType == JsonTokenType.String ? reader.GetString() : null) : next;
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw NotAnEnvelope("unexpected content after the envelope");
            }
        }
        catch (JsonException e)
        {
            throw NotAnEnvelope(e.Message);
        }

        return (more, next, objects ?? []);

        TaxiiException NotAnEnvelope(string why) => new(status, null, $"{uri}: the answer is not an envelope ({why})");

        List<StixValue> ReadObjects(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
        {
            var read = new List<StixValue>();
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return read;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var parsed = StixJsonReader.Parse(json[start..(int)reader.BytesConsumed]);
                read.Add(parsed.Value ?? throw NotAnEnvelope($"objects[{read.Count}]: {parsed.Error}"));
            }

            return read;
        }
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
