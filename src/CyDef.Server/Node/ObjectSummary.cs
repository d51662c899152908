using System.Text.Json;
using CyDef.Storage;

namespace CyDef.Server.Node;

/// <summary>One stored version as the REST API lists it.</summary>
/// <param name="Id">The STIX id.</param>
/// <param name="Type">The STIX type.</param>
/// <param name="Modified">Its <c>modified</c>, for versioned objects.</param>
/// <param name="Sequence">Its position in the change feed.</param>
/// <param name="Object">The STIX object itself.</param>
public sealed record ObjectSummary(string Id, string Type, string? Modified, long Sequence, JsonElement Object)
{
    /// <summary>The summary of a stored version.</summary>
    /// <param name="stored">The version, with its JSON.</param>
    public static ObjectSummary From(StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        using var document = JsonDocument.Parse(stored.Json);
        return new(stored.Id, stored.Type, stored.Modified, stored.Sequence, document.RootElement.Clone());
    }
}
