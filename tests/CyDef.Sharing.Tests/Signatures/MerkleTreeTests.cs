using System.Security.Cryptography;
using CsCheck;
using CyDef.Sharing.Signatures.Internal;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>The batch tree against RFC 9162 §2.1's recursive definitions, written out here independently.</summary>
public sealed class MerkleTreeTests
{
    [Fact]
    public void LeafHash_IsSha256OfZeroThenTheMessage()
    {
        Assert.Equal(SHA256.HashData([0x00, .. "abc"u8]), MerkleTree.LeafHash("abc"u8));
    }

    [Fact]
    public void NodeHash_IsSha256OfOneThenBothChildren()
    {
        var (left, right) = (Leaves(2)[0], Leaves(2)[1]);

        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleTree.NodeHash(left, right));
    }

    [Fact]
    public void LeafHash_OfAnInteriorNodesInput_IsNotThatNode()
    {
        // Domain separation: the 65 bytes under a node, given as a leaf's message, hash to something else.
        var (left, right) = (Leaves(2)[0], Leaves(2)[1]);

        Assert.NotEqual(MerkleTree.NodeHash(left, right), MerkleTree.LeafHash([0x01, .. left, .. right]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(100)]
    public void Build_AsRfc9162_RootAndEveryAuditPath(int size)
    {
        var leaves = Leaves(size);

        var (root, paths) = MerkleTree.Build(leaves);

        Assert.Equal(Mth(leaves), root);
        for (var m = 0; m < size; m++)
        {
            Assert.Equal(Path(m, leaves), paths[m]);
            Assert.Equal(root, MerkleTree.RootFromPath(leaves[m], m, size, paths[m]));
        }
    }

    [Fact]
    public void RootFromPath_AnyLeafAtAnotherIndex_DoesNotReachTheRoot()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int, Gen.Int).Sample((size, a, b) =>
        {
            var leaves = Leaves(size);
            var (root, paths) = MerkleTree.Build(leaves);
            var (m, other) = ((a & int.MaxValue) % size, (b & int.MaxValue) % (size + 2));
            Assert.Equal(root, MerkleTree.RootFromPath(leaves[m], m, size, paths[m]));
            if (other != m)
            {
                Assert.NotEqual(root, MerkleTree.RootFromPath(leaves[m], other, size, paths[m]));
            }
        }, iter: 200);
    }

    [Theory]
    [InlineData(0, 1, 1)]   // a tree of one has an empty path
    [InlineData(6, 7, 3)]   // the last leaf of seven has two hashes: (4,5) and (0..3)
    [InlineData(0, 7, 2)]   // the first has three
    [InlineData(7, 7, 2)]   // no leaf 7 in a tree of seven
    [InlineData(-1, 7, 3)]
    public void RootFromPath_PathThatCannotFit_IsNull(long index, long size, int length)
    {
        var path = Enumerable.Range(0, length).Select(i => new byte[MerkleTree.HashLength]).ToArray();

        Assert.Null(MerkleTree.RootFromPath(new byte[MerkleTree.HashLength], index, size, path));
    }

    private static byte[][] Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToArray();

    // RFC 9162 §2.1.1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n.
    private static byte[] Mth(byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = Split(leaves.Length);
        return SHA256.HashData([0x01, .. Mth(leaves[..k]), .. Mth(leaves[k..])]);
    }

    // RFC 9162 §2.1.3.1: PATH(m, D[n]).
    private static byte[][] Path(int m, byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = Split(leaves.Length);
        return m < k ? [.. Path(m, leaves[..k]), Mth(leaves[k..])] : [.. Path(m - k, leaves[k..]), Mth(leaves[..k])];
    }

    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
