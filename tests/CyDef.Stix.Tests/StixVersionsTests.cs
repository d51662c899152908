using CyDef.Stix.Json;

namespace CyDef.Stix.Tests;

public sealed class StixVersionsTests
{
    private static StixObject Version(string modified, bool revoked = false, string created = "2020-01-01T00:00:00.000Z") =>
        StixObject.Create(StixJsonReader.Parse($$"""{"type":"malware","id":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b","created":"{{created}}","modified":"{{modified}}","revoked":{{(revoked ? "true" : "false")}}}""").GetValueOrThrow());

    [Fact]
    public void Newest_PicksTheLatestModifiedByInstant()
    {
        var versions = new[] { Version("2020-01-01T00:00:00.000Z"), Version("2020-01-01T00:00:00.0001Z"), Version("2020-01-01T00:00:00Z") };

        Assert.Equal("2020-01-01T00:00:00.0001Z", StixVersions.Newest(versions)!.VersionKey.Modified);
    }

    [Fact]
    public void CheckSuccessor_LaterVersion_IsAccepted()
    {
        Assert.Null(StixVersions.CheckSuccessor(Version("2020-01-01T00:00:00.000Z"), Version("2020-01-02T00:00:00.000Z")));
    }

    [Theory]
    [InlineData("2020-01-01T00:00:00.000Z", false, "2020-01-01T00:00:00.000Z", "later")]
    [InlineData("2020-01-02T00:00:00.000Z", true, "2020-01-01T00:00:00.000Z", "revoked")]
    [InlineData("2020-01-02T00:00:00.000Z", false, "2019-01-01T00:00:00.000Z", "created")]
    public void CheckSuccessor_BrokenRule_SaysWhich(string nextModified, bool previousRevoked, string nextCreated, string word)
    {
        var previous = Version("2020-01-01T00:00:00.000Z", previousRevoked);
        var next = Version(nextModified, created: nextCreated);

        Assert.Contains(word, StixVersions.CheckSuccessor(previous, next), StringComparison.Ordinal);
    }
}
