namespace CyDef.Detection;

/// <summary>An indicator an event matched.</summary>
/// <param name="IndicatorId">The indicator's id.</param>
/// <param name="Markings">Its <c>object_marking_refs</c> (a sighting of it carries the same).</param>
public readonly record struct Hit(string IndicatorId, string[] Markings);
