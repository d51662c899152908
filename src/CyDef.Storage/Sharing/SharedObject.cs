using CyDef.Sharing;
using CyDef.Stix.Json;

namespace CyDef.Storage.Sharing;

/// <summary>A stored object version as one viewer may have it: whole, or with the parts denied to it removed.</summary>
/// <param name="Stored">The stored version (its <see cref="StoredObject.Json"/> is the original: never hand it out).</param>
/// <param name="Value">What the viewer may have.</param>
/// <param name="Outcome"><see cref="SharingOutcome.Allow"/> or <see cref="SharingOutcome.AllowRedacted"/>.</param>
public sealed record SharedObject(StoredObject Stored, StixValue Value, SharingOutcome Outcome);

/// <summary>A page of objects a viewer may have.</summary>
/// <param name="Items">The objects, in feed order.</param>
/// <param name="More">Whether more may follow (some pages hold fewer items than asked when many objects are denied).</param>
/// <param name="Next">The cursor for the next page: the last sequence number looked at, allowed or not.</param>
public sealed record SharedPage(IReadOnlyList<SharedObject> Items, bool More, long? Next)
{
    /// <summary>When the first object of the page was added (TAXII's X-TAXII-Date-Added-First).</summary>
    public DateTimeOffset? DateAddedFirst => Items.Count > 0 ? Items[0].Stored.DateAdded : null;

    /// <summary>When the last object of the page was added (TAXII's X-TAXII-Date-Added-Last).</summary>
    public DateTimeOffset? DateAddedLast => Items.Count > 0 ? Items[^1].Stored.DateAdded : null;
}
