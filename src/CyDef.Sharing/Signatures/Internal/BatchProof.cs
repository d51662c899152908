namespace CyDef.Sharing.Signatures.Internal;

/// <summary>Where a signed object lies in the Merkle tree of its batch: the tree's size, its leaf index and its audit path.</summary>
internal sealed record BatchProof(long TreeSize, long LeafIndex, IReadOnlyList<byte[]> AuditPath);
