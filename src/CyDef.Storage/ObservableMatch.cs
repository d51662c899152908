namespace CyDef.Storage;

/// <summary>A stored version that mentions an observable value.</summary>
/// <param name="Kind">What kind of value matched.</param>
/// <param name="Value">The value as indexed (normalised: lower case for names, addresses and hashes).</param>
/// <param name="Object">The version that mentions it: an SCO with that value, an indicator whose pattern compares with it, an observed-data object holding or referencing it.</param>
public sealed record ObservableMatch(ObservableKind Kind, string Value, StoredObject Object);
