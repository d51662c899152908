using CyDef.Sharing.Signatures;
using static CyDef.Sharing.Tests.Signatures.SigningFixtures;

namespace CyDef.Sharing.Tests.Signatures;

public sealed class NodeSigningKeysTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cydef-keys-").FullName;
    private readonly ManualTime _time = new(Start);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Open_AnEmptyFolder_GeneratesOneCurrentKeyInAPrivateFile()
    {
        var keys = NodeSigningKeys.Open(_data, _time);

        var key = Assert.Single(keys.All);
        Assert.Null(key.Retired);
        Assert.Equal(Start, key.Created);
        var file = Assert.Single(Directory.GetFiles(keys.Folder, "*.key.json"));
        Assert.Equal(key.KeyId + ".key.json", Path.GetFileName(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys.Folder));
        }

        Assert.Empty(Directory.GetFiles(keys.Folder, "*.tmp"));
    }

    [Fact]
    public void Open_Again_LoadsTheSameKey()
    {
        var first = NodeSigningKeys.Open(_data, _time).Current;

        var again = NodeSigningKeys.Open(_data, _time).Current;

        Assert.Equal(first.KeyId, again.KeyId);
        var signed = new ObjectSigner(first, time: _time).Sign(Indicator);
        Assert.Equal(SignatureStatus.Valid, new SignatureVerifier([new TrustRecord(NodeA, [again.Public])], time: _time).Verify(signed).Status);
    }

    [Fact]
    public void Rotate_OldSignaturesStillVerifyNewOnesUseTheNewKey()
    {
        var keys = NodeSigningKeys.Open(_data, _time);
        var signer = new ObjectSigner(keys, time: _time);
        var before = signer.Sign(Indicator);
        _time.Advance(TimeSpan.FromDays(1));

        var next = keys.Rotate();
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = signer.Sign(Indicator);

        Assert.Equal(next.KeyId, keys.Current.KeyId);
        Assert.Equal(2, keys.All.Count);
        Assert.Equal(Start.AddDays(1), keys.All.Single(k => k.KeyId != next.KeyId).Retired);
        var verifier = new SignatureVerifier([keys.PublicRecord(NodeA)], time: _time);
        Assert.Equal(SignatureStatus.Valid, verifier.Verify(before).Status);
        Assert.Equal(SignatureStatus.Valid, verifier.Verify(after).Status);
        Assert.Equal(next.KeyId, verifier.Verify(after).KeyId);
    }

    [Fact]
    public void Rotate_ThenTheOldKeySignsAgain_IsKeyRetired()
    {
        var keys = NodeSigningKeys.Open(_data, _time);
        var old = keys.Current;
        keys.Rotate();
        _time.Advance(TimeSpan.FromMinutes(1));

        var late = new ObjectSigner(old, time: _time).Sign(Indicator);

        Assert.Equal(SignatureStatus.KeyRetired, new SignatureVerifier([keys.PublicRecord(NodeA)], time: _time).Verify(late).Status);
    }

    [Fact]
    public void Rotate_ByAnotherProcess_IsSeenAfterTheReloadInterval()
    {
        var node = NodeSigningKeys.Open(_data, _time);
        var first = node.Current.KeyId;

        var rotated = NodeSigningKeys.Open(_data, _time).Rotate();
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.NotEqual(first, rotated.KeyId);
        Assert.Equal(rotated.KeyId, node.Current.KeyId);
    }

    [Fact]
    public void PublicRecord_RoundTripsThroughJsonWithoutPrivateHalves()
    {
        var keys = NodeSigningKeys.Open(_data, _time);
        keys.Rotate();
        var json = keys.PublicRecord(NodeA).ToJson();

        Assert.True(TrustRecord.TryParse(json, out var record, out var error), error);

        Assert.Equal(NodeA, record.Node);
        Assert.Equal(keys.All.Select(k => (k.KeyId, k.Created, k.Retired)), record.Keys.Select(k => (k.KeyId, k.Created, k.Retired)));
        Assert.Equal(keys.Current.KeyId, record.Current!.KeyId);
        Assert.DoesNotContain("seed", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "not a trust record")]
    [InlineData("""{"type":"cydef-trust-record","node":"n","keys":[{"created":"2026-01-01T00:00:00.000Z","ed25519":"AA==","ml_dsa_65":"AA=="}]}""", "$.keys[0]")]
    [InlineData("{", "")]
    public void TryParse_BadRecord_FailsWithAReason(string json, string reason)
    {
        Assert.False(TrustRecord.TryParse(json, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_AKeyIdThatIsNotTheKeys_Fails()
    {
        var json = NodeSigningKeys.Open(_data, _time).PublicRecord(NodeA).ToJson();
        var forged = json.Replace(NodeSigningKeys.Open(_data, _time).Current.KeyId, new string('0', 32), StringComparison.Ordinal);

        Assert.False(TrustRecord.TryParse(forged, out _, out var error));
        Assert.Contains("key_id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ACorruptKeyFile_Throws()
    {
        var keys = NodeSigningKeys.Open(_data, _time);
        File.WriteAllText(Path.Combine(keys.Folder, keys.Current.KeyId + ".key.json"), """{"key_id":"x"}""");

        var error = Assert.Throws<InvalidDataException>(() => NodeSigningKeys.Open(_data, _time));

        Assert.Contains("not a CyDef signing key", error.Message, StringComparison.Ordinal);
    }
}
