namespace CyDef.Sharing.Signatures.Internal;

/// <summary>
/// Where a signed object lies in the Merkle tree of its batch: its leaf's salt (in its message, so that the hashes an
/// audit path gives of other objects reveal nothing of them), the tree's size, its leaf index and its audit path.
/// </summary>
internal sealed record BatchProof(byte[] LeafSalt, long TreeSize, long LeafIndex, IReadOnlyList<byte[]> AuditPath);
