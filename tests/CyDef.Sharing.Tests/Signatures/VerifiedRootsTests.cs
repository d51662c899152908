using CyDef.Sharing.Signatures.Internal;

namespace CyDef.Sharing.Tests.Signatures;

public sealed class VerifiedRootsTests
{
    [Fact]
    public void Add_BeyondCapacity_ForgetsTheLeastRecentlyUsed()
    {
        var roots = new VerifiedRoots(2);
        roots.Add(Entry(1));
        roots.Add(Entry(2));
        Assert.True(roots.Contains(Entry(1)));

        roots.Add(Entry(3));

        Assert.True(roots.Contains(Entry(1)));
        Assert.False(roots.Contains(Entry(2)));
        Assert.True(roots.Contains(Entry(3)));
        Assert.Equal(2, roots.Count);
    }

    [Fact]
    public void Contains_AnEntryDifferingInItsLastByte_IsFalse()
    {
        var roots = new VerifiedRoots(4);
        roots.Add(Entry(1));
        var other = Entry(1);
        other[31] ^= 1;

        Assert.False(roots.Contains(other));
    }

    [Fact]
    public void AddAndContains_FromManyThreads_StayWithinCapacity()
    {
        var roots = new VerifiedRoots(64);

        Parallel.For(0, 10_000, i =>
        {
            roots.Add(Entry(i % 500));
            _ = roots.Contains(Entry((i * 7) % 500));
        });

        Assert.Equal(64, roots.Count);
    }

    private static byte[] Entry(int n)
    {
        var entry = new byte[32];
        BitConverter.GetBytes(n).CopyTo(entry, 0);
        return entry;
    }
}
