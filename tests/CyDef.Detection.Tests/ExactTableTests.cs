using System.Text;
using CyDef.Detection.Index;

namespace CyDef.Detection.Tests;

/// <summary>
/// The exact-value table against a plain dictionary over random adds, removes and lookups — through the growth of its
/// buckets, the rebuilds of its filter and the compaction of its arena — with values shared by several indicators
/// and paths, and values it never held.
/// </summary>
public sealed class ExactTableTests
{
    [Theory]
    [InlineData(1, 40, 3)]
    [InlineData(2, 400, 3)]
    [InlineData(3, 600, 2)]
    public void Lookup_AfterRandomChanges_EqualsADictionary(int seed, int valueBytes, int addsPerRemove)
    {
        var random = new Random(seed);
        var table = new ExactTable();
        var model = new Dictionary<(byte Path, string Value), List<int>>();
        var live = new List<(byte Path, string Value, int Indicator, int Entry)>();
        for (var step = 0; step < 12_000; step++)
        {
            var path = (byte)random.Next(3);
            var value = Value(random.Next(3_000), valueBytes);
            if (live.Count == 0 || random.Next(addsPerRemove + 1) > 0)
            {
                var entry = table.Add(path, Encoding.UTF8.GetBytes(value), step, -1);
                live.Add((path, value, step, entry));
                Indicators(model, (path, value)).Add(step);
            }
            else
            {
                var gone = live[random.Next(live.Count)];
                live.Remove(gone);
                table.Remove(gone.Entry);
                model[(gone.Path, gone.Value)].Remove(gone.Indicator);
            }

            if (step % 7 == 0)
            {
                AssertSame(table, model, path, value);
                AssertSame(table, model, path, Value(3_000 + random.Next(3_000), valueBytes));
            }
        }

        Assert.Equal(live.Count, table.Count);
        foreach (var (path, value, _, _) in live)
        {
            AssertSame(table, model, path, value);
        }
    }

    [Fact]
    public void Uses_CountsEntriesPerPath()
    {
        var table = new ExactTable();
        var entry = table.Add(4, "a.example"u8, 0, -1);
        Assert.True(table.Uses(4));
        Assert.False(table.Uses(5));
        table.Remove(entry);
        Assert.False(table.Uses(4));
    }

    [Fact]
    public void Filter_AMillionValues_FewFalsePositivesAndNoFalseNegatives()
    {
        // Sized as the table sizes it (half as many keys again as it holds): every value added passes, and of a million
        // values never added, fewer than one in two hundred do.
        var filter = new BucketFilter();
        const int Keys = 1_000_000;
        filter.Reset(Keys + (Keys / 2));
        for (var n = 0; n < Keys; n++)
        {
            filter.Add(ValueHash.Of(Encoding.UTF8.GetBytes($"198.51.{n >> 8 & 255}.{n & 255}/{n >> 16}")));
        }

        for (var n = 0; n < Keys; n += 97)
        {
            Assert.True(filter.MayContain(ValueHash.Of(Encoding.UTF8.GetBytes($"198.51.{n >> 8 & 255}.{n & 255}/{n >> 16}"))));
        }

        var passed = 0;
        for (var n = 0; n < Keys; n++)
        {
            passed += filter.MayContain(ValueHash.Of(Encoding.UTF8.GetBytes($"benign-{n}.example"))) ? 1 : 0;
        }

        Assert.True(passed < Keys / 200, $"{passed} of {Keys} values never added passed the filter");
    }

    [Fact]
    public void ValueHash_EveryByteOfAValueCounts()
    {
        // The hash reads a value eight bytes at a time and its last bytes in one or two overlapping reads: a change to
        // any one byte, at any length, changes it (a 32-bit hash could collide by chance: about once in four billion).
        var random = new Random(6);
        for (var length = 1; length <= 40; length++)
        {
            var value = new byte[length];
            random.NextBytes(value);
            var hash = ValueHash.Of(value);
            for (var at = 0; at < length; at++)
            {
                var changed = (byte[])value.Clone();
                changed[at] ^= (byte)(1 << random.Next(8));
                Assert.NotEqual(hash, ValueHash.Of(changed));
            }

            Assert.NotEqual(hash, ValueHash.Of(value.AsSpan(0, length - 1)));
        }
    }

    private static void AssertSame(ExactTable table, Dictionary<(byte, string), List<int>> model, byte path, string value)
    {
        var found = new List<int>();
        table.Lookup(path, Encoding.UTF8.GetBytes(value), found);
        var expected = model.TryGetValue((path, value), out var list) ? list : [];
        Assert.Equal(expected.Order(), found.Order());
    }

    private static string Value(int n, int bytes) => $"v{n}-".PadRight(bytes - (n % 17), (char)('a' + (n % 26)));

    private static List<int> Indicators(Dictionary<(byte, string), List<int>> model, (byte, string) key)
    {
        if (!model.TryGetValue(key, out var list))
        {
            model[key] = list = [];
        }

        return list;
    }
}
