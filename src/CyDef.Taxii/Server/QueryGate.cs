using Microsoft.AspNetCore.Http;
using CyDef.Storage;
using Microsoft.Extensions.Options;

namespace CyDef.Taxii.Server;

/// <summary>
/// Bounds how many store queries run at once (<see cref="TaxiiServerOptions.MaxConcurrentQueries"/>). A SQLite read
/// holds its thread until the page is read; fifty clients at once would hold fifty thread-pool threads, and the pool
/// grows slowly, so every request would wait on it. Waiting here is asynchronous and costs no thread.
/// </summary>
internal sealed class QueryGate(IOptions<TaxiiServerOptions> options, SharingGate? sharing = null) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentQueries));

    public async Task<ObjectPage> QueryAsync(IObjectStore store, ObjectQuery query, HttpContext http, CancellationToken cancellationToken)
    {
        // A holder limited to some types (a sensor: indicators) asks for those of them it asked for.
        if (Security.NodeClaims.ReadableTypes(http.User) is { } types)
        {
            query = query with { Types = query.Types.Count == 0 ? [.. types] : [.. query.Types.Where(types.Contains)] };
            if (query.Types.Count == 0)
            {
                return new ObjectPage([], false, null);
            }
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return sharing is null
                ? await store.QueryAsync(query, cancellationToken).ConfigureAwait(false)
                : SharingGate.ToPage(await sharing.View(store, http).QueryAsync(query, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Whether the object exists for this request's viewer (a denied object does not).</summary>
    public async Task<bool> ExistsAsync(IObjectStore store, string id, HttpContext http, CancellationToken cancellationToken) =>
        Security.NodeClaims.MayReadType(http.User, id)
        && (sharing is null
            ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not null
            : await sharing.View(store, http).GetAsync(id, cancellationToken).ConfigureAwait(false) is not null);

    public void Dispose() => _slots.Dispose();
}
