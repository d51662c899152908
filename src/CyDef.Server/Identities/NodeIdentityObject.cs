using System.Globalization;
using System.Text;
using System.Text.Json;
using CyDef.Storage;

namespace CyDef.Server.Identities;

/// <summary>The node's organisation as a STIX 2.1 <c>identity</c> (§4.8) in the store: what its objects' <c>created_by_ref</c> name.</summary>
public static class NodeIdentityObject
{
    /// <summary>The identity object of the node's organisation.</summary>
    /// <param name="sharing">The node's sharing settings (organisation id, name, sector).</param>
    /// <param name="now">When it is made.</param>
    public static string Json(SharingOptions sharing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sharing);
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "identity");
            writer.WriteString("spec_version", "2.1");
            writer.WriteString("id", sharing.Organization);
            writer.WriteString("created", time);
            writer.WriteString("modified", time);
            writer.WriteString("name", sharing.OrganizationName);
            writer.WriteString("identity_class", "organization");
            if (sharing.Sector is { Length: > 0 } sector)
            {
                writer.WriteStartArray("sectors");
                writer.WriteStringValue(sector);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Stores the identity unless the store holds a version of it already; whether it did.</summary>
    /// <param name="store">The node's store.</param>
    /// <param name="sharing">The node's sharing settings.</param>
    /// <param name="now">The time of the first version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="options">How it is ingested (the node signs it as its publication).</param>
    public static async Task<bool> StoreIfMissingAsync(IObjectStore store, SharingOptions sharing, DateTimeOffset now, CancellationToken cancellationToken = default, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sharing);
        if (await store.GetAsync(sharing.Organization, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Json(sharing, now)));
        var report = await store.IngestAsync(input, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (report.Rejected > 0)
        {
            throw new InvalidOperationException($"CyDef:Sharing: the node's identity cannot be stored: {string.Join("; ", report.Rejections.SelectMany(r => r.Reasons))}");
        }

        return report.Accepted > 0;
    }
}
