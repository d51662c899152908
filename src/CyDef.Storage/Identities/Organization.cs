namespace CyDef.Storage.Identities;

/// <summary>An organisation known to the node: its own owner, a peer's owner, or the employer of a user.</summary>
/// <param name="Id">Its STIX identity id (<c>identity--UUID</c>), the id markings and viewers name it by.</param>
/// <param name="Name">Its name, unique in the directory (compared without case).</param>
/// <param name="Country">Its ISO 3166-1 alpha-2 country code, if any.</param>
/// <param name="Sector">Its sector (STIX industry-sector vocabulary: <c>defense</c>, <c>government-national</c> …), if any.</param>
/// <param name="Created">When it was added.</param>
public sealed record Organization(string Id, string Name, string? Country, string? Sector, DateTimeOffset Created);
