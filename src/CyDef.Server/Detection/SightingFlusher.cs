using Microsoft.Extensions.Hosting;

namespace CyDef.Server.Detection;

/// <summary>Writes the changed sightings into the store every <see cref="DetectionOptions.FlushInterval"/>, and once more when the node stops.</summary>
/// <param name="sink">The node's sightings.</param>
/// <param name="options">The interval.</param>
public sealed class SightingFlusher(SightingSink sink, DetectionOptions options) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await sink.FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
