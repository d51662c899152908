using CyDef.Sharing.Signatures;
using static CyDef.Sharing.Tests.Signatures.SigningFixtures;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>A peer that trusts a node's old record follows its rotations through the endorsements the keys carry.</summary>
public sealed class TrustRecordFollowTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cydef-follow-").FullName;
    private readonly ManualTime _time = new(Start);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static TrustRecord Reread(TrustRecord record)
    {
        Assert.True(TrustRecord.TryParse(record.ToJson(), out var reread, out var error), error);
        return reread;
    }

    [Fact]
    public void Follow_TwoRotations_AcceptsTheChainAndRetiresFromTheEndorsements()
    {
        var keys = NodeSigningKeys.Open(_data, _time);
        var trusted = Reread(keys.PublicRecord(NodeA));
        var first = keys.Current;
        _time.Advance(TimeSpan.FromDays(1));
        keys.Rotate();
        _time.Advance(TimeSpan.FromDays(1));
        var third = keys.Rotate();
        var offered = Reread(keys.PublicRecord(NodeA));

        Assert.True(trusted.Follow(offered, out var updated, out var error), error);

        Assert.Equal(3, updated.Keys.Count);
        Assert.Equal(third.KeyId, updated.Current!.KeyId);
        Assert.Equal(Start.AddDays(1), updated.Keys.Single(k => k.KeyId == first.KeyId).Retired);
        _time.Advance(TimeSpan.FromMinutes(1));
        var verifier = new SignatureVerifier([updated], time: _time);
        Assert.Equal(SignatureStatus.Valid, verifier.Verify(new ObjectSigner(keys, time: _time).Sign(Indicator)).Status);
        Assert.Equal(SignatureStatus.KeyRetired, verifier.Verify(new ObjectSigner(first, time: _time).Sign(Indicator)).Status);
    }

    [Fact]
    public void Follow_AKeyWithoutEndorsement_Refused()
    {
        var trusted = new TrustRecord(NodeA, [KeyA.Public]);
        var offered = new TrustRecord(NodeA, [KeyA.Public, KeyB.Public]);

        Assert.False(trusted.Follow(offered, out _, out var error));
        Assert.Contains("not endorsed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_AnEndorsementByAnUntrustedKey_Refused()
    {
        var stranger = SigningKey.Generate(Start);
        var endorsed = SigningKey.Generate(Start.AddDays(1)).EndorsedBy(stranger);
        var trusted = new TrustRecord(NodeA, [KeyA.Public]);

        Assert.False(trusted.Follow(new TrustRecord(NodeA, [KeyA.Public, stranger.Public, endorsed.Public]), out _, out var error));
        Assert.Contains("not endorsed by a key already trusted", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_AForgedEndorsement_Refused()
    {
        var genuine = SigningKey.Generate(Start.AddDays(1)).EndorsedBy(KeyA).Public;
        var forged = PublicSigningKey.Create(KeyB.Public.Ed25519.Span, KeyB.Public.MLDsa65.Span, genuine.Created, null, genuine.Endorsement);

        Assert.False(new TrustRecord(NodeA, [KeyA.Public]).Follow(new TrustRecord(NodeA, [KeyA.Public, forged]), out _, out var error));
        Assert.Contains("does not verify", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_AnEndorsementByAKeyRetiredBefore_Refused()
    {
        var trusted = new TrustRecord(NodeA, [KeyA.Public.WithRetired(Start)]);
        var late = SigningKey.Generate(Start.AddDays(1)).EndorsedBy(KeyA).Public;

        Assert.False(trusted.Follow(new TrustRecord(NodeA, [KeyA.Public, late]), out _, out var error));
        Assert.Contains("after that key's retirement", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_ARecordThatDropsAKeyOrIsAnotherNodes_Refused()
    {
        var trusted = new TrustRecord(NodeA, [KeyA.Public]);

        Assert.False(trusted.Follow(new TrustRecord(NodeA, [KeyB.Public]), out _, out var dropped));
        Assert.False(trusted.Follow(new TrustRecord(NodeB, [KeyA.Public]), out _, out var other));
        Assert.Contains("drops key", dropped, StringComparison.Ordinal);
        Assert.Contains("not " + NodeA, other, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_AnUnprovenRetirement_Ignored()
    {
        var offered = new TrustRecord(NodeA, [KeyA.Public.WithRetired(Start.AddYears(-1))]);

        Assert.True(new TrustRecord(NodeA, [KeyA.Public]).Follow(offered, out var updated, out _));
        Assert.Null(updated.Keys.Single().Retired);
    }
}
