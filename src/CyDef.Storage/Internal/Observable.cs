namespace CyDef.Storage.Internal;

/// <summary>One entry of the correlation index: a normalised value and its kind.</summary>
internal readonly record struct Observable(ObservableKind Kind, string Value);
