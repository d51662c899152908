using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Taxii.Client;

/// <summary>Copies the objects of a TAXII collection into an object store, a page at a time.</summary>
public static class TaxiiPull
{
    /// <summary>
    /// Reads every object of <paramref name="collection"/> that <paramref name="filter"/> selects (following
    /// <c>next</c>) and ingests each page into <paramref name="target"/> as it arrives; versions already stored are
    /// duplicates, so a pull interrupted and run again completes.
    /// </summary>
    /// <param name="client">The TAXII client.</param>
    /// <param name="apiRoot">The API Root's URL.</param>
    /// <param name="collection">The collection's id or alias.</param>
    /// <param name="target">Where the objects go.</param>
    /// <param name="filter">Which objects (by default the newest version of each).</param>
    /// <param name="progress">Told after each page.</param>
    /// <param name="cancellationToken">Stops between pages.</param>
    /// <returns>What was read and what the store made of it.</returns>
    public static async Task<PullReport> PullAsync(TaxiiClient client, Uri apiRoot, string collection, IObjectStore target, TaxiiFilter? filter = null, IProgress<PullReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        var report = new PullReport(0, 0, 0, 0, 0);
        filter ??= TaxiiFilter.None;
        string? next = null;
        while (true)
        {
            var page = await client.GetObjectsPageAsync(apiRoot, collection, filter, next, cancellationToken).ConfigureAwait(false);
            report = Add(report, page.Objects, page.Objects.Count == 0 ? null : await target.IngestObjectsAsync(page.Objects, cancellationToken: cancellationToken).ConfigureAwait(false));
            progress?.Report(report);
            if (!page.More || page.Objects.Count == 0)
            {
                return report;
            }

            next = page.Next;
            if (next is null)
            {
                filter = filter with { AddedAfter = page.DateAddedLast }; // §3.5: no token, so continue after the page's last date
            }
        }
    }

    private static PullReport Add(PullReport report, IReadOnlyList<StixValue> objects, IngestReport? ingest) => new(
        report.Pages + 1,
        report.Read + objects.Count,
        report.Stored + (ingest?.Accepted ?? 0),
        report.Duplicates + (ingest?.Duplicates ?? 0),
        report.Rejected + (ingest?.Rejected ?? 0));
}
