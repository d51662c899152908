namespace CyDef.Taxii.Resources;

/// <summary>The discovery resource (TAXII 2.1 §4.1.1): what a TAXII server is and which API Roots it offers.</summary>
/// <param name="Title">A human-readable name for the server.</param>
/// <param name="Description">What the server is.</param>
/// <param name="Contact">Whom to contact about it.</param>
/// <param name="Default">The URL of the default API Root; one of <paramref name="ApiRoots"/>.</param>
/// <param name="ApiRoots">The URLs of the API Roots this server offers.</param>
public sealed record Discovery(string Title, string? Description = null, string? Contact = null, string? Default = null, IReadOnlyList<string>? ApiRoots = null);
