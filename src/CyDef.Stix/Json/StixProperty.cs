namespace CyDef.Stix.Json;

/// <summary>One name/value pair of a JSON object, in the order it was read or built.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">The property value.</param>
public readonly record struct StixProperty(string Name, StixValue Value);
