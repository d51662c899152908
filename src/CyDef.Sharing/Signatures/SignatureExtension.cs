namespace CyDef.Sharing.Signatures;

/// <summary>
/// CyDef's signature extension: a property extension under <see cref="Id"/> that carries the origin node's hybrid
/// signature (Ed25519 and ML-DSA-65) of an object version. Its schema is in docs/signatures.md.
/// </summary>
public static class SignatureExtension
{
    /// <summary>The extension definition id of CyDef's signature extension.</summary>
    public const string Id = "extension-definition--0f7c3a5e-2d4b-4e8a-9c61-5b3d7e1a9f24";

    /// <summary>
    /// The signature scheme this version writes: hybrid Ed25519 + ML-DSA-65 signatures of the root of a Merkle tree
    /// over a batch of objects (salted commitments for their parts), with each object's inclusion proof.
    /// </summary>
    public const string Scheme = "cydef-hybrid-merkle-1";

    /// <summary>
    /// The scheme of earlier releases, still verified: hybrid Ed25519 + ML-DSA-65 signatures of each object alone.
    /// </summary>
    public const string SingleScheme = "cydef-hybrid-1";

    /// <summary>
    /// The extensions a signature never covers: the signature's own, by default. A node that adds an extension per
    /// hop (provenance) passes its id too, through <see cref="WithExcluded"/>, to the signer and the verifier alike.
    /// </summary>
    public static IReadOnlyList<string> DefaultExcluded { get; } = [Id];

    /// <summary>The excluded extension ids: <see cref="DefaultExcluded"/> and <paramref name="more"/>.</summary>
    /// <param name="more">Further extension ids that change per hop and are therefore not signed.</param>
    public static IReadOnlyList<string> WithExcluded(params string[] more) => [.. DefaultExcluded, .. more.Where(m => m != Id)];

    internal const string ExtensionType = "extension_type";
    internal const string SchemeName = "scheme";
    internal const string KeyIdName = "key_id";
    internal const string SignedAtName = "signed_at";
    internal const string SaltsName = "salts";
    internal const string WithheldName = "withheld";
    internal const string LeafSaltName = "leaf_salt";
    internal const string TreeSizeName = "tree_size";
    internal const string LeafIndexName = "leaf_index";
    internal const string AuditPathName = "audit_path";
    internal const string Ed25519Name = "ed25519";
    internal const string MLDsaName = "ml_dsa_65";
}
