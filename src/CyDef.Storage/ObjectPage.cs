namespace CyDef.Storage;

/// <summary>One page of a query, in change-feed order.</summary>
/// <param name="Items">The versions of this page.</param>
/// <param name="More">Whether more versions match after this page.</param>
/// <param name="Next">The cursor for the next page (<see cref="ObjectQuery.After"/>): the last item's sequence number; null for an empty page.</param>
public sealed record ObjectPage(IReadOnlyList<StoredObject> Items, bool More, long? Next)
{
    /// <summary>The earliest <c>date_added</c> of the page (TAXII X-TAXII-Date-Added-First); null for an empty page.</summary>
    public DateTimeOffset? DateAddedFirst => Items.Count > 0 ? Items[0].DateAdded : null;

    /// <summary>The latest <c>date_added</c> of the page (TAXII X-TAXII-Date-Added-Last); null for an empty page.</summary>
    public DateTimeOffset? DateAddedLast => Items.Count > 0 ? Items[^1].DateAdded : null;
}
