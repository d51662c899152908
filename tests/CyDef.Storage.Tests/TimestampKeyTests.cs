using CyDef.Storage.Internal;

namespace CyDef.Storage.Tests;

public sealed class TimestampKeyTests
{
    [Theory]
    [InlineData("2016-01-01T00:00:00Z", "2016-01-01T00:00:00.000000000Z")]
    [InlineData("2016-01-01T00:00:00.1Z", "2016-01-01T00:00:00.100000000Z")]
    [InlineData("2016-01-01T00:00:00.123456789123Z", "2016-01-01T00:00:00.123456789Z")]
    [InlineData(null, "")]
    public void From_StixTimestamp_PadsTheFractionToNanoseconds(string? timestamp, string key) =>
        Assert.Equal(key, TimestampKey.From(timestamp));

    [Fact]
    public void From_WholeSecondAndFraction_SortInTimeOrder()
    {
        // As written, "…:00Z" sorts after "…:00.5Z" ('Z' > '.'); the keys sort as the instants do.
        Assert.True(string.CompareOrdinal("2016-01-01T00:00:00Z", "2016-01-01T00:00:00.5Z") > 0);
        Assert.True(string.CompareOrdinal(TimestampKey.From("2016-01-01T00:00:00Z"), TimestampKey.From("2016-01-01T00:00:00.5Z")) < 0);
    }
}
