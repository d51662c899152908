using System.Security.Cryptography;

namespace CyDef.Sharing.Signatures.Internal;

/// <summary>
/// The Merkle tree of a signed batch, as RFC 9162 §2.1 defines it with SHA-256: a leaf hash is
/// SHA-256(0x00 ‖ message), an interior node SHA-256(0x01 ‖ left ‖ right) — the prefixes keep a leaf from being
/// passed off as a node (second preimages) — and a tree of n leaves splits at the largest power of two below n.
/// </summary>
internal static class MerkleTree
{
    /// <summary>Bytes of a hash.</summary>
    public const int HashLength = 32;

    /// <summary>The longest audit path read: a tree of 2^64 leaves.</summary>
    public const int MaxPathLength = 64;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The leaf hash of a message: SHA-256(0x00 ‖ message).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> message)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([LeafPrefix]);
        sha.AppendData(message);
        return sha.GetHashAndReset();
    }

    /// <summary>An interior node's hash: SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * HashLength)];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashLength)..]);
        return SHA256.HashData(input);
    }

    /// <summary>
    /// The root of the tree over <paramref name="leaves"/> (at least one) and the audit path of each leaf, from the
    /// leaf's sibling up (RFC 9162 §2.1.3.1). Built level by level: pairs are hashed, and a last node without a pair
    /// moves up unchanged, which gives the same tree as RFC 9162's split at the largest power of two.
    /// </summary>
    public static (byte[] Root, byte[][][] Paths) Build(IReadOnlyList<byte[]> leaves)
    {
        ArgumentOutOfRangeException.ThrowIfZero(leaves.Count);
        var paths = new List<byte[]>[leaves.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = [];
        }

        var level = leaves.ToArray();
        var span = 1; // leaves under each node of this level
        while (level.Length > 1)
        {
            var next = new byte[(level.Length + 1) / 2][];
            for (var i = 0; i < level.Length; i += 2)
            {
                if (i + 1 == level.Length)
                {
                    next[i / 2] = level[i];
                    continue;
                }

                next[i / 2] = NodeHash(level[i], level[i + 1]);
                AddSibling(paths, i * span, span, level[i + 1]);
                AddSibling(paths, (i + 1) * span, span, level[i]);
            }

            level = next;
            span *= 2;
        }

        return (level[0], paths.Select(p => p.ToArray()).ToArray());
    }

    /// <summary>
    /// The root that a leaf hash and its audit path lead to in a tree of <paramref name="treeSize"/> leaves
    /// (RFC 9162 §2.1.3.2), or null when the path cannot belong to that leaf index and tree size: the index is not
    /// in the tree, or the path has too many or too few hashes.
    /// </summary>
    public static byte[]? RootFromPath(byte[] leafHash, long leafIndex, long treeSize, IReadOnlyList<byte[]> path)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return null;
        }

        var (fn, sn, r) = (leafIndex, treeSize - 1, leafHash);
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    private static void AddSibling(List<byte[]>[] paths, int first, int span, byte[] sibling)
    {
        var end = Math.Min(first + span, paths.Length);
        for (var leaf = first; leaf < end; leaf++)
        {
            paths[leaf].Add(sibling);
        }
    }
}
