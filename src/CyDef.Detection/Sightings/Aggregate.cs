using CyDef.Stix.Json;

namespace CyDef.Detection.Sightings;

/// <summary>
/// The hits of one indicator by one sensor in one window, so far: a value in the aggregator's array that refers to
/// nothing made for it (its markings are the index's shared arrays), so that the many aggregates of a flood of distinct
/// hits cost the garbage collector nothing to keep.
/// </summary>
internal struct Aggregate
{
    public AggregateKey Key;

    public string[] Markings;

    public long Count;

    public long FirstSeen;

    public long LastSeen;

    /// <summary>The <c>modified</c> of the version last written, or 0.</summary>
    public long Written;

    public bool Changed;

    /// <summary>
    /// The parts of the sighting that never change between its versions — its id, <c>sighting_of_ref</c> and markings —
    /// made when a version is taken (<see cref="SightingAggregator.TakeChanged"/>).
    /// </summary>
    public sealed record Fixed(string Id, StixValue IdValue, StixValue Of, StixValue? MarkingRefs);
}

/// <summary>
/// Which aggregate: the indicator, by the UUID of its id when the id is the canonical <c>indicator--</c> + lower-case
/// UUID (no string kept), or else by the number of its id among the others the aggregator keeps (<see cref="Other"/> &gt; 0);
/// and the window's start, UTC ticks.
/// </summary>
internal readonly record struct AggregateKey(Guid Indicator, int Other, long Window);
