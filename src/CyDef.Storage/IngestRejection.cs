namespace CyDef.Storage;

/// <summary>Why one input item was not stored.</summary>
/// <param name="Path">Where the item stands in the input, e.g. <c>$.objects[41]</c> or <c>$[3]</c>.</param>
/// <param name="Id">The item's id, when it has one.</param>
/// <param name="Reasons">The problems, each as a JSON path and a message.</param>
public sealed record IngestRejection(string Path, string? Id, IReadOnlyList<IngestProblem> Reasons);
