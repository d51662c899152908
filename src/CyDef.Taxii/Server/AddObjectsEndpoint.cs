using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Taxii.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CyDef.Taxii.Server;

/// <summary>
/// Add Objects (§5.5): an envelope in, 202 and a status resource out. The objects are stored by the store's ingest
/// (validated, a version already present counted as a success); when that takes longer than
/// <see cref="TaxiiServerOptions.StatusWait"/> the answer is a pending status that the client polls.
/// </summary>
internal static class AddObjectsEndpoint
{
    public static async Task<IResult> PostAsync(string apiRoot, string collectionId, HttpContext http, CollectionRegistry registry, StatusRegistry statuses, IOptions<TaxiiServerOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TaxiiTarget.FindWritable(registry, apiRoot, collectionId, http.User, out var target) is { } error)
        {
            return error;
        }

        if (!MediaTypeNegotiation.IsTaxiiContent(http.Request.ContentType))
        {
            return TaxiiResults.Error(StatusCodes.Status415UnsupportedMediaType, $"The body must be {TaxiiMediaTypes.Taxii21}, not '{http.Request.ContentType}'.");
        }

        if (await RequestBody.ReadAsync(http.Request, target.Root.MaxContentLength, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return TaxiiResults.Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than this API Root's max_content_length ({target.Root.MaxContentLength} octets).");
        }

        if (ReadEnvelope(body, out var problem) is not { } objects)
        {
            return problem!;
        }

        var requested = time.GetUtcNow();
        var status = AddStatus.Pending(objects, requested);
        statuses.Put(target.Root.Name, status, http.User.Identity?.Name);
        var store = await registry.GetStoreAsync(target.Collection, cancellationToken).ConfigureAwait(false);
        var ingestOptions = http.RequestServices.GetService(typeof(IIngestGate)) is IIngestGate gate ? gate.For(http.User, IngestOptions.Default) : IngestOptions.Default;
        var ingest = IngestAsync(store, objects, ingestOptions, status, target.Root.Name, statuses, http.User.Identity?.Name, lifetime.ApplicationStopping);
        statuses.Track(ingest);
        await Task.WhenAny(ingest, Task.Delay(options.Value.StatusWait, time, cancellationToken)).ConfigureAwait(false);
        var current = statuses.Find(target.Root.Name, status.Id, http.User.Identity?.Name, administrator: true) ?? status;
        return TaxiiResults.Resource(current, TaxiiJsonContext.Default.Status, StatusCodes.Status202Accepted);
    }

    private static StixValue[]? ReadEnvelope(byte[] body, out IResult? problem)
    {
        var parsed = StixJsonReader.Parse(body);
        if (parsed.Error is { } readError)
        {
            problem = TaxiiResults.Error(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {readError}");
            return null;
        }

        if (parsed.Value is not { IsObject: true } envelope || envelope["objects"] is not { } objects || !objects.IsArray)
        {
            problem = TaxiiResults.Error(StatusCodes.Status422UnprocessableEntity, "The body must be a TAXII envelope: an object whose 'objects' property is a list of STIX objects (§3.7).");
            return null;
        }

        problem = null;
        return objects.Items.ToArray();
    }

    // The ingest runs to its end even when the client goes away: it was accepted (202) and its status can be polled.
    private static async Task IngestAsync(IObjectStore store, StixValue[] objects, IngestOptions options, Status pending, string apiRoot, StatusRegistry statuses, string? owner, CancellationToken stopping)
    {
        Status done;
        try
        {
            var report = await store.IngestObjectsAsync(objects, options, stopping).ConfigureAwait(false);
            done = await AddStatus.CompleteAsync(pending, objects, report, store, stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            done = AddStatus.Failed(pending, objects, "The node could not store the objects: " + exception.Message);
        }

        statuses.Put(apiRoot, done, owner);
    }
}
