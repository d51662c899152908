namespace CyDef.Server.Web.Picture;

/// <summary>What one viewer may see of the store, counted: objects by type and sightings by day.</summary>
/// <param name="ByType">Newest versions by STIX type.</param>
/// <param name="SightingsByDay">Sightings by the day they were first seen (or created).</param>
/// <param name="Sequence">The change feed's sequence number the counts reflect.</param>
/// <param name="Ready">Whether the index has read the whole feed once (counts before that are partial).</param>
public sealed record PictureCounts(IReadOnlyDictionary<string, long> ByType, IReadOnlyDictionary<DateOnly, long> SightingsByDay, long Sequence, bool Ready)
{
    /// <summary>All objects.</summary>
    public long Total => ByType.Values.Sum();
}
