using CyDef.Sharing.Signatures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Server.Signing;

/// <summary>
/// The node's signing keys (generated in <c>keys/</c> of the data folder at first start), the signer of what it
/// publishes, and its public trust record, as services for federation (docs/signatures.md).
/// </summary>
public static class NodeSigning
{
    /// <summary>Opens (or generates) the node's signing keys and registers <see cref="NodeSigningKeys"/>, <see cref="ObjectSigner"/> and the node's <see cref="TrustRecord"/>.</summary>
    /// <param name="services">The node's services.</param>
    /// <param name="configuration">The node's configuration (<c>CyDef:Sharing:Organization</c> names the signer).</param>
    /// <param name="dataFolder">The node's data folder.</param>
    public static IServiceCollection AddNodeSigning(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        // Opened now, not on first use, so that a node's key exists (and a bad key file stops it) from the start.
        var keys = NodeSigningKeys.Open(dataFolder);
        var organization = (configuration.GetSection(SharingOptions.Section).Get<SharingOptions>() ?? new SharingOptions()).Organization;
        services.AddSingleton(keys);
        services.AddSingleton(new ObjectSigner(keys));
        services.AddTransient(_ => keys.PublicRecord(organization));
        return services;
    }
}
