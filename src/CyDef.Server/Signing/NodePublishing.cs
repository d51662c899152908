using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Server.Signing;

/// <summary>
/// How the node publishes its own versions: each version created at this node (added over TAXII by its users,
/// edited in the web UI, its identity, the demo content, <c>cydef import</c>) is signed with the node's current key
/// when it is stored, once, with the other versions of its batch (one signature per batch); peers then receive it signed, and a redacted copy gets its signature rewritten by the
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

    /// <summary>
    /// Ingest options that sign the valid objects of each batch (one transaction) before they are stored, with one
    /// signature of the batch's Merkle tree; an object that cannot be signed is rejected with the reason.
    /// </summary>
    public IngestOptions Options { get; }

    /// <summary><paramref name="options"/> with signing.</summary>
    /// <param name="options">The options to sign with.</param>
    public IngestOptions For(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { AdmitBatch = values => Sign(Signer, values) };
    }

    /// <summary>The objects signed together, as admissions: an object that cannot be signed is refused with the reason.</summary>
    /// <param name="signer">The signer.</param>
    /// <param name="values">A batch of objects.</param>
    public static IReadOnlyList<IngestAdmission> Sign(ObjectSigner signer, IReadOnlyList<StixValue> values)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signed = signer.SignBatch(values);
        var admissions = new IngestAdmission[signed.Count];
        for (var i = 0; i < admissions.Length; i++)
        {
            admissions[i] = signed[i].Value is { } value ? IngestAdmission.Store(value) : IngestAdmission.Refuse(signed[i].Error!);
        }

        return admissions;
    }
}
