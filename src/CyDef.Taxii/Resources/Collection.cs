namespace CyDef.Taxii.Resources;

/// <summary>The collection resource (TAXII 2.1 §5.2.1), as the requesting user sees it.</summary>
/// <param name="Id">The collection's identifier (a UUID).</param>
/// <param name="Title">A human-readable name.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Alias">A name unique within the API Root that URLs may use instead of the id.</param>
/// <param name="CanRead">Whether the requesting user may read objects from it.</param>
/// <param name="CanWrite">Whether the requesting user may add objects to it.</param>
/// <param name="MediaTypes">The media types of the objects it holds.</param>
public sealed record Collection(string Id, string Title, string? Description, string? Alias, bool CanRead, bool CanWrite, IReadOnlyList<string>? MediaTypes);
