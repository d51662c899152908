using CyDef.Storage.Identities;

namespace CyDef.Storage.Tests.Identities;

public sealed class PasswordHashTests
{
    [Fact]
    public void Create_DefaultIterations_VerifiesTheSamePasswordOnly()
    {
        var hash = PasswordHash.Create("correct horse battery");

        Assert.StartsWith($"pbkdf2-sha256${PasswordHash.Iterations}$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("correct horse battery", hash));
        Assert.False(PasswordHash.Verify("correct horse batterY", hash));
    }

    [Fact]
    public void Create_SamePasswordTwice_DifferentSalts()
    {
        Assert.NotEqual(PasswordHash.Create("same", 10), PasswordHash.Create("same", 10));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$10$not base64$AAAA")]
    [InlineData("md5$10$AAAA$AAAA")]
    public void Verify_MalformedHash_MatchesNothing(string hash)
    {
        Assert.False(PasswordHash.Verify("", hash));
    }

    [Fact]
    public void ApiKeySecret_Create_256RandomBitsWithTheMarker()
    {
        var a = ApiKeySecret.Create();
        var b = ApiKeySecret.Create();

        Assert.NotEqual(a, b);
        Assert.Equal(ApiKeySecret.Marker.Length + 43, a.Length);
        Assert.Equal(64, ApiKeySecret.Hash(a).Length);
        Assert.True(ApiKeySecret.HashesEqual(ApiKeySecret.Hash(a), ApiKeySecret.Hash(a)));
        Assert.False(ApiKeySecret.HashesEqual(ApiKeySecret.Hash(a), ApiKeySecret.Hash(b)));
    }
}
