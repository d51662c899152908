using CyDef.Storage;
using Microsoft.Extensions.Options;

namespace CyDef.Taxii.Server;

/// <summary>
/// Bounds how many store queries run at once (<see cref="TaxiiServerOptions.MaxConcurrentQueries"/>). A SQLite read
/// holds its thread until the page is read; fifty clients at once would hold fifty thread-pool threads, and the pool
/// grows slowly, so every request would wait on it. Waiting here is asynchronous and costs no thread.
/// </summary>
internal sealed class QueryGate(IOptions<TaxiiServerOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentQueries));

    public async Task<ObjectPage> QueryAsync(IObjectStore store, ObjectQuery query, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
