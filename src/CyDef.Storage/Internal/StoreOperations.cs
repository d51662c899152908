using System.Globalization;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Storage.Internal;

/// <summary>Operations both engines build from their queries and ingest alone.</summary>
internal static class StoreOperations
{
    public static async Task<IReadOnlyList<StoredObject>> GetVersionsAsync(IObjectStore store, string id, CancellationToken cancellationToken)
    {
        var versions = new List<StoredObject>();
        ObjectPage page;
        long? after = null;
        do
        {
            page = await store.QueryAsync(new ObjectQuery { Ids = [id], Versions = VersionFilter.All, After = after, Limit = ObjectQuery.MaxLimit }, cancellationToken).ConfigureAwait(false);
            versions.AddRange(page.Items);
            after = page.Next;
        }
        while (page.More);

        versions.Sort(static (a, b) => string.CompareOrdinal(TimestampKey.From(a.Modified), TimestampKey.From(b.Modified)));
        return versions;
    }

    public static async Task<StoredObject?> GetAsync(IObjectStore store, string id, CancellationToken cancellationToken)
    {
        var page = await store.QueryAsync(new ObjectQuery { Ids = [id], Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    public static Task<ObjectPage> ReadChangesAsync(IObjectStore store, long after, int limit, CancellationToken cancellationToken) =>
        store.QueryAsync(new ObjectQuery { After = after, Limit = limit, Versions = VersionFilter.All }, cancellationToken);

    /// <summary>§3.6: revoking is a new version with <c>revoked: true</c> and a later <c>modified</c>.</summary>
    public static async Task<StoredObject?> RevokeAsync(IObjectStore store, string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { Modified: { } modified } latest)
        {
            return null;
        }

        if (latest.Revoked)
        {
            return latest;
        }

        var json = StixJsonReader.Parse(latest.Json.Span).GetValueOrThrow();
        var revoked = With(json, ("modified", StixValue.String(Later(modified))), ("revoked", StixValue.True));
        var report = await store.IngestObjectsAsync([revoked], IngestOptions.Default, cancellationToken).ConfigureAwait(false);
        return report.Accepted == 1 ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    private static string Later(string modified)
    {
        var now = DateTime.UtcNow;
        if (StixTimestamp.TryParse(modified, out var previous) && previous.UtcDateTime.AddMilliseconds(1) > now)
        {
            now = previous.UtcDateTime.AddMilliseconds(1);
        }

        return now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static StixValue With(StixValue json, params (string Name, StixValue Value)[] replacements)
    {
        var properties = new List<StixProperty>(json.Count + replacements.Length);
        foreach (var property in json.Properties)
        {
            if (Array.FindIndex(replacements, r => r.Name == property.Name) < 0)
            {
                properties.Add(property);
            }
        }

        foreach (var (name, value) in replacements)
        {
            properties.Add(new StixProperty(name, value));
        }

        return StixValue.Object([.. properties]);
    }
}
