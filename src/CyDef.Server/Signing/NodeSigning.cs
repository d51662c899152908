using CyDef.Sharing.Signatures;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Server.Signing;

/// <summary>
/// The node's signing keys (generated in <c>keys/</c> of the data folder at first start), the signer of what it
/// publishes, its public trust record, and the checks on what is added over TAXII, as services (docs/signatures.md,
/// docs/federation.md).
/// </summary>
public static class NodeSigning
{
    /// <summary>Where the node serves its trust record (anonymous: it holds public keys only).</summary>
    public const string TrustRecordPath = "/api/v1/node/trust-record";

    /// <summary>Opens (or generates) the node's signing keys: the signer of its publications, before anything is stored.</summary>
    /// <param name="configuration">The node's configuration (<c>CyDef:Sharing:Organization</c> names the signer).</param>
    /// <param name="dataFolder">The node's data folder.</param>
    public static NodePublishing Open(IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Opened now, not on first use, so that a node's key exists (and a bad key file stops it) from the start.
        var keys = NodeSigningKeys.Open(dataFolder);
        var organization = (configuration.GetSection(SharingOptions.Section).Get<SharingOptions>() ?? new SharingOptions()).Organization;
        return new NodePublishing(keys, new ObjectSigner(keys, Signed.Excluded), organization);
    }

    /// <summary>
    /// Registers <see cref="NodeSigningKeys"/>, <see cref="ObjectSigner"/>, the node's <see cref="TrustRecord"/>,
    /// <see cref="NodePublishing"/>, the TAXII <see cref="IIngestGate"/> (sign what users add, check what peers push) and
    /// <see cref="StoredSignatures"/> (the signature status the object pages show).
    /// </summary>
    /// <param name="services">The node's services.</param>
    /// <param name="publishing">The node's signer (<see cref="Open"/>).</param>
    public static IServiceCollection AddNodeSigning(this IServiceCollection services, NodePublishing publishing)
    {
        ArgumentNullException.ThrowIfNull(publishing);
        services.AddSingleton(publishing);
        services.AddSingleton(publishing.Keys);
        services.AddSingleton(publishing.Signer);
        services.AddTransient(_ => publishing.TrustRecord);
        services.AddSingleton<IIngestGate, NodeIngestGate>();
        services.AddSingleton<StoredSignatures>();
        return services;
    }

    /// <summary>Maps <c>GET /api/v1/node/trust-record</c>: the node's trust record (its public keys, current and retired).</summary>
    /// <param name="app">The application.</param>
    public static IEndpointRouteBuilder MapTrustRecord(this IEndpointRouteBuilder app)
    {
        app.MapGet(TrustRecordPath, static (NodePublishing publishing) => Results.Text(publishing.TrustRecord.ToJson(), "application/json"))
            .AllowAnonymous()
            .WithTags("Node")
            .WithSummary("The node's trust record: the public keys (Ed25519 + ML-DSA-65, current and retired) that verify what it signs");
        return app;
    }
}
