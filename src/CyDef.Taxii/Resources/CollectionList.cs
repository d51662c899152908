namespace CyDef.Taxii.Resources;

/// <summary>The collections resource (TAXII 2.1 §5.1.1).</summary>
/// <param name="Collections">The collections; null (omitted) when there are none.</param>
public sealed record CollectionList(IReadOnlyList<Collection>? Collections);
