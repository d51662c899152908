using CyDef.Stix.Json;

namespace CyDef.Detection.Sightings;

/// <summary>The hits of one indicator by one sensor in one window, so far.</summary>
internal sealed class Aggregate(string indicatorId, string[] markings, long window)
{
    public string IndicatorId { get; } = indicatorId;

    public string[] Markings { get; } = markings;

    /// <summary>The window's start, UTC ticks.</summary>
    public long Window { get; } = window;

    public long Count { get; set; }

    public long FirstSeen { get; set; } = long.MaxValue;

    public long LastSeen { get; set; } = long.MinValue;

    /// <summary>The <c>modified</c> of the version last written, or 0.</summary>
    public long Written { get; set; }

    public bool Changed { get; set; }

    /// <summary>
    /// The parts of the sighting that never change between its versions — its id, <c>sighting_of_ref</c> and markings —
    /// made once, when it is first taken (<see cref="SightingAggregator.TakeChanged"/>); null before.
    /// </summary>
    public Fixed? Parts { get; set; }

    /// <summary>See <see cref="Parts"/>.</summary>
    public sealed record Fixed(string Id, StixValue IdValue, StixValue Of, StixValue? MarkingRefs);
}
