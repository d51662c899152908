namespace CyDef.Server.Node;

/// <summary>What a node is and holds.</summary>
/// <param name="LastSequence">The last sequence number of the store's change feed (administrators only: it counts every version).</param>
/// <param name="Discovery">The URL of TAXII discovery.</param>
/// <param name="ApiRoots">The TAXII API Roots.</param>
public sealed record NodeInfo(long? LastSequence, string Discovery, IReadOnlyList<NodeApiRoot> ApiRoots);

/// <summary>A TAXII API Root of the node.</summary>
/// <param name="Name">Its path segment.</param>
/// <param name="Url">Its URL.</param>
/// <param name="Collections">Its collections' aliases (or ids).</param>
public sealed record NodeApiRoot(string Name, string Url, IReadOnlyList<string> Collections);
