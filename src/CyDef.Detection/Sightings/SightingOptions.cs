namespace CyDef.Detection.Sightings;

/// <summary>How hits become sightings.</summary>
public sealed record SightingOptions
{
    /// <summary>The sensor's name; its identity (<c>where_sighted_refs</c>) is derived from it.</summary>
    public required string Sensor { get; init; }

    /// <summary>Hits of one indicator by one sensor within one window (aligned to the Unix epoch) make one sighting. Default: 1 hour.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// When set, the sensor's identity id is derived from it and the sensor's name (a node passes its organisation, so
    /// that sensors of the same name at two nodes are two identities); from the name alone when null.
    /// </summary>
    public string? IdentityScope { get; init; }

    /// <summary>The identity that creates the sightings (<c>created_by_ref</c>, the node's organisation), or null.</summary>
    public string? CreatedByRef { get; init; }
}
