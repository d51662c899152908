namespace CyDef.Taxii.Server;

/// <summary>A collection of an API Root, as the node's collection registry keeps it.</summary>
public sealed record CollectionRecord
{
    /// <summary>The collection's identifier (a version 4 UUID).</summary>
    public required string Id { get; init; }

    /// <summary>A human-readable name.</summary>
    public required string Title { get; init; }

    /// <summary>What it holds.</summary>
    public string? Description { get; init; }

    /// <summary>A name unique within the API Root that URLs may use instead of the id.</summary>
    public string? Alias { get; init; }

    /// <summary>Whether anyone may read it (a ceiling: a user's own rights can only narrow it).</summary>
    public bool CanRead { get; init; } = true;

    /// <summary>Whether anyone may add to it (a ceiling, as <see cref="CanRead"/>).</summary>
    public bool CanWrite { get; init; } = true;

    /// <summary>Whether the collection is the node's own object store; otherwise it has a store of its own.</summary>
    public bool NodeStore { get; init; }

    /// <summary>The media types it advertises.</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } = [TaxiiMediaTypes.Stix21];
}
