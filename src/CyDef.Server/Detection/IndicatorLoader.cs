using CyDef.Detection;
using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Server.Detection;

/// <summary>Fills an <see cref="IndicatorIndex"/> from a store: the newest version of every indicator, page by page.</summary>
public static class IndicatorLoader
{
    /// <summary>Applies every indicator the store holds (newest versions) and returns the change-feed position read up to.</summary>
    /// <param name="store">The store.</param>
    /// <param name="index">The index.</param>
    /// <param name="cancellationToken">Stops between pages.</param>
    public static async Task<long> LoadAsync(IObjectStore store, IndicatorIndex index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(index);
        var last = await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false);
        var query = new ObjectQuery { Types = ["indicator"], Versions = VersionFilter.Last, Limit = ObjectQuery.MaxLimit };
        ObjectPage page;
        do
        {
            page = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                Apply(index, item);
            }

            query = query with { After = page.Next };
        }
        while (page.More);
        return last;
    }

    /// <summary>Applies one stored version (unreadable JSON is left out: the store validated it on the way in).</summary>
    /// <param name="index">The index.</param>
    /// <param name="item">The stored version.</param>
    public static IndicatorChange Apply(IndicatorIndex index, StoredObject item)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(item);
        var read = StixJsonReader.ParseInPlace(item.Json);
        return read.Value is { } value ? index.Apply(value) : IndicatorChange.Ignored;
    }
}
