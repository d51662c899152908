using CyDef.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CyDef.Server.Health;

/// <summary>Healthy when the object store answers a read.</summary>
internal sealed class StoreHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var last = await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"last sequence {last}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The object store does not answer.", exception);
        }
    }
}
