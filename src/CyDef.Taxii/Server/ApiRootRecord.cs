namespace CyDef.Taxii.Server;

/// <summary>An API Root of the node, as the collection registry keeps it.</summary>
public sealed record ApiRootRecord
{
    /// <summary>The default largest request body: 100 MiB.</summary>
    public const long DefaultMaxContentLength = 100L * 1024 * 1024;

    /// <summary>Its URL path segment: the API Root is served at <c>/{Name}/</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A human-readable name.</summary>
    public required string Title { get; init; }

    /// <summary>What it is for.</summary>
    public string? Description { get; init; }

    /// <summary>The largest request body in octets (TAXII <c>max_content_length</c>); larger ones get 413.</summary>
    public long MaxContentLength { get; init; } = DefaultMaxContentLength;

    /// <summary>Its collections.</summary>
    public IReadOnlyList<CollectionRecord> Collections { get; init; } = [];

    /// <summary>The collection with this id or alias, or null.</summary>
    /// <param name="idOrAlias">An id or an alias from a URL.</param>
    public CollectionRecord? FindCollection(string idOrAlias)
    {
        foreach (var collection in Collections)
        {
            if (collection.Id == idOrAlias || collection.Alias == idOrAlias)
            {
                return collection;
            }
        }

        return null;
    }
}
