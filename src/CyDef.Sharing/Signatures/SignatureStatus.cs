namespace CyDef.Sharing.Signatures;

/// <summary>The outcome of checking an object's signature.</summary>
public enum SignatureStatus
{
    /// <summary>Signed by a trusted key; both signatures verify over the content presented.</summary>
    Valid,

    /// <summary>The object carries no signature extension.</summary>
    Unsigned,

    /// <summary>The signature extension, or the content it covers, cannot be read (a missing field, bad base64, an unknown scheme).</summary>
    Malformed,

    /// <summary>Signed by a key that no trusted record holds.</summary>
    UnknownKey,

    /// <summary>Signed by a key after the time it was retired.</summary>
    KeyRetired,

    /// <summary>Signed at a time after now (beyond the clock skew allowed) or before the key was created.</summary>
    NotYetValid,

    /// <summary>A signature does not verify: the content was changed, or the signature belongs to other content.</summary>
    BadSignature,

    /// <summary>A valid signature on a version this node already holds: a re-sent copy, not new content.</summary>
    Replayed,

    /// <summary>
    /// The object's inclusion proof cannot belong to its place in its batch's Merkle tree: the leaf index is outside
    /// the tree, or the audit path has the wrong number of hashes for that index and tree size.
    /// </summary>
    BadProof,
}
