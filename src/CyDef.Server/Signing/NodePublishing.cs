using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Server.Signing;

/// <summary>
/// How the node publishes its own versions: each version created at this node (added over TAXII by its users,
/// edited in the web UI, its identity, the demo content, <c>cydef import</c>) is signed with the node's current key
/// when it is stored, once; peers then receive it signed, and a redacted copy gets its signature rewritten by the
/// sharing view. Versions received from peers are stored with their origin's signature, never re-signed.
/// </summary>
public sealed class NodePublishing
{
    /// <summary>Creates the publisher.</summary>
    /// <param name="keys">The node's keys.</param>
    /// <param name="signer">The signer over them.</param>
    /// <param name="organization">The node's organisation (the trust record's node).</param>
    public NodePublishing(NodeSigningKeys keys, ObjectSigner signer, string organization)
    {
        Keys = keys;
        Signer = signer;
        Organization = organization;
        Options = For(IngestOptions.Default);
    }

    /// <summary>The node's keys.</summary>
    public NodeSigningKeys Keys { get; }

    /// <summary>The signer of the node's publications.</summary>
    public ObjectSigner Signer { get; }

    /// <summary>The node's organisation.</summary>
    public string Organization { get; }

    /// <summary>The node's trust record now (every key, current and retired).</summary>
    public TrustRecord TrustRecord => Keys.PublicRecord(Organization);

    /// <summary>Ingest options that sign every valid object before it is stored (an object that cannot be signed is rejected with the reason).</summary>
    public IngestOptions Options { get; }

    /// <summary><paramref name="options"/> with signing.</summary>
    /// <param name="options">The options to sign with.</param>
    public IngestOptions For(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { Admit = Sign };
    }

    private IngestAdmission Sign(StixValue value)
    {
        try
        {
            return IngestAdmission.Store(Signer.Sign(value));
        }
        catch (ArgumentException e)
        {
            return IngestAdmission.Refuse(e.Message);
        }
    }
}
