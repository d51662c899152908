using Microsoft.Extensions.Configuration;

namespace CyDef.Federation;

/// <summary>The node's federation settings: its data folder, its organisation (its name in provenance) and its peers.</summary>
/// <param name="DataFolder">Where the peers' cursors are kept (<c>federation/</c>).</param>
/// <param name="Organization">The identity id of the node's organisation.</param>
/// <param name="Peers">The peers.</param>
public sealed record FederationSettings(string DataFolder, string Organization, IReadOnlyList<PeerOptions> Peers)
{
    /// <summary>The configuration section of the peers.</summary>
    public const string PeersSection = "CyDef:Peers";

    /// <summary>Reads the peers from <paramref name="configuration"/>; a bad peer stops the node at start with the reason.</summary>
    /// <param name="configuration">The node's configuration.</param>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="organization">The node's organisation.</param>
    public static FederationSettings Read(IConfiguration configuration, string dataFolder, string organization)
    {
        var peers = configuration.GetSection(PeersSection).Get<List<PeerOptions>>() ?? [];
        if (peers.Select(p => p.Problem()).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new InvalidOperationException($"{PeersSection}: {problem}");
        }

        if (peers.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"{PeersSection}: two peers are named '{twice.Key}'");
        }

        return new FederationSettings(dataFolder, organization, peers);
    }
}
