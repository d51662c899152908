using System.Text.Json;
using CyDef.Storage;

namespace CyDef.Taxii.Server;

/// <summary>The TAXII view of stored versions.</summary>
internal static class StoredVersions
{
    /// <summary>
    /// TAXII 2.1 §3.3 (manifest-record <c>version</c>): the object's <c>modified</c>; else its <c>created</c>; else, for
    /// objects with neither (SCOs), the time the server added it.
    /// </summary>
    public static string VersionOf(StoredObject item) =>
        item.Modified ?? Created(item.Json.Span) ?? TaxiiTimestamp.ToString(item.DateAdded);

    private static string? Created(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCreated = reader.ValueTextEquals("created"u8);
            reader.Read();
            if (isCreated && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }
}
