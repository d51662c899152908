using CyDef.Storage;
using Microsoft.Extensions.Logging;

namespace CyDef.Server.Node;

/// <summary>The demo content (MITRE ATT&amp;CK for ICS and the OASIS example bundles) that a fresh node starts with.</summary>
public static class DemoContent
{
    /// <summary>The demo folder shipped beside the program.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "demo");

    /// <summary>Loads every <c>*.json</c> of <paramref name="folder"/> into <paramref name="store"/> when the store is empty.</summary>
    /// <param name="store">The node's store.</param>
    /// <param name="folder">The demo folder.</param>
    /// <param name="logger">Where the summary goes.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <param name="options">How the content is ingested (the node signs it as its publication).</param>
    /// <returns>Versions accepted; 0 when the store was not empty.</returns>
    public static async Task<long> LoadIfEmptyAsync(IObjectStore store, string folder, ILogger logger, CancellationToken cancellationToken, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            return 0;
        }

        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            NodeLog.NoDemo(logger, folder);
            return 0;
        }

        long accepted = 0;
        foreach (var file in files)
        {
            await using var input = File.OpenRead(file);
            var report = await store.IngestAsync(input, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            NodeLog.DemoLoaded(logger, Path.GetRelativePath(folder, file), report.Accepted, report.Duplicates, report.Rejected);
            accepted += report.Accepted;
        }

        return accepted;
    }
}
