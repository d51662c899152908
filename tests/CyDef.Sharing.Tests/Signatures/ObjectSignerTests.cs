using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Signatures.SigningFixtures;

namespace CyDef.Sharing.Tests.Signatures;

public sealed class ObjectSignerTests
{
    private static readonly StixValue Signed = SignerA().Sign(Indicator);

    [Fact]
    public void Sign_ThenVerify_IsValidAndNamesTheSigner()
    {
        var check = Verifier().Verify(Signed);

        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal(KeyA.KeyId, check.KeyId);
        Assert.Equal(NodeA, check.Signer);
        Assert.Equal(Start, check.SignedAt);
        Assert.Equal(0, check.Withheld);
        Assert.True(check.IsAcceptable(mustSign: true));
    }

    [Fact]
    public void Sign_KeepsTheContentAndAddsOnlyTheExtension()
    {
        var withoutSignature = With(Signed, "extensions", With(Signed["extensions"]!, SignatureExtension.Id, null));

        Assert.True(withoutSignature.DeepEquals(Indicator));
        var signature = Signature(Signed);
        Assert.Equal(SignatureExtension.Scheme, signature["scheme"]!.GetString());
        Assert.Equal(64, Convert.FromBase64String(signature["ed25519"]!.GetString()).Length);
        Assert.Equal(3309, Convert.FromBase64String(signature["ml_dsa_65"]!.GetString()).Length);
        Assert.Null(signature["salts"]);
    }

    [Fact]
    public void Sign_AfterAJsonRoundTrip_StillVerifies()
    {
        var reread = Parse(StixJsonWriter.ToJsonString(Signed));

        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(reread).Status);
    }

    [Fact]
    public void Sign_Twice_ReplacesTheSignature()
    {
        var again = SignerA().Sign(Signed);

        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(again).Status);
        Assert.Single(again["extensions"]!.Properties.ToArray(), p => p.Name == SignatureExtension.Id);
    }

    public static TheoryData<string, Func<StixValue, StixValue>> Tampers => new()
    {
        { "name changed", v => With(v, "name", StixValue.String("C2 server!")) },
        { "confidence changed", v => With(v, "confidence", StixValue.Number(86)) },
        { "a label added", v => With(v, "labels", StixValue.Array(["c2", "apt", "x"])) },
        { "a label removed", v => With(v, "labels", StixValue.Array(["c2"])) },
        { "a URL in a list changed", v => With(v, "external_references", Parse("""[{"source_name":"cert","url":"https://evil.example/1"}]""")) },
        { "a property added", v => With(v, "x_note", StixValue.String("hi")) },
        { "a property removed", v => With(v, "description", null) },
        { "id changed", v => With(v, "id", StixValue.String("indicator--00000000-0000-4000-8000-000000000001")) },
        { "modified changed", v => With(v, "modified", StixValue.String("2026-11-02T10:00:00.000Z")) },
        { "a marking removed", v => With(v, "object_marking_refs", null) },
        { "a signed extension changed", v => With(v, "extensions", With(v["extensions"]!, "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e", Parse("""{"extension_type":"property-extension","rank":6}"""))) },
        { "signed_at changed", v => WithSignatureField(v, "signed_at", StixValue.String("2026-11-01T11:00:00.000Z")) },
        { "a salt added", v => WithSignatureField(v, "salts", Parse("""{"name":"AAAAAAAAAAAAAAAAAAAAAA=="}""")) },
        { "a withheld part invented", v => WithSignatureField(v, "withheld", StixValue.Array([StixValue.String(Convert.ToBase64String(new byte[48]))])) },
    };

    [Theory]
    [MemberData(nameof(Tampers))]
    public void Verify_TamperedContent_IsBadSignature(string tamper, Func<StixValue, StixValue> change)
    {
        var check = Verifier().Verify(change(Signed));

        Assert.True(check.Status == SignatureStatus.BadSignature, $"{tamper}: {check}");
        Assert.Contains("verif", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureOfAnotherObject_IsBadSignature()
    {
        var other = SignerA().Sign(With(Indicator, "id", StixValue.String("indicator--00000000-0000-4000-8000-000000000001")));
        var swapped = With(Signed, "extensions", With(Signed["extensions"]!, SignatureExtension.Id, Signature(other)));

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(swapped).Status);
    }

    [Fact]
    public void Verify_SignatureOfAnotherVersion_IsBadSignature()
    {
        var next = SignerA().Sign(With(Indicator, "modified", StixValue.String("2026-11-05T10:00:00.000Z")));
        var swapped = With(Signed, "extensions", With(Signed["extensions"]!, SignatureExtension.Id, Signature(next)));

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(swapped).Status);
    }

    [Theory]
    [InlineData("ed25519", "Ed25519")]
    [InlineData("ml_dsa_65", "ML-DSA-65")]
    public void Verify_TruncatedSignature_IsBadSignatureNamingTheAlgorithm(string field, string algorithm)
    {
        var bytes = Convert.FromBase64String(Signature(Signed)[field]!.GetString());
        var truncated = WithSignatureField(Signed, field, StixValue.String(Convert.ToBase64String(bytes[..^10])));

        var check = Verifier().Verify(truncated);

        Assert.Equal(SignatureStatus.BadSignature, check.Status);
        Assert.StartsWith("the " + algorithm, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OneAlgorithmFlipped_FailsTheHybrid()
    {
        var bytes = Convert.FromBase64String(Signature(Signed)["ml_dsa_65"]!.GetString());
        bytes[100] ^= 1;
        var flipped = WithSignatureField(Signed, "ml_dsa_65", StixValue.String(Convert.ToBase64String(bytes)));

        var check = Verifier().Verify(flipped);

        Assert.Equal(SignatureStatus.BadSignature, check.Status);
        Assert.Contains("ML-DSA-65 signature does not verify (the Ed25519 one does)", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByAnotherTrustedNodesKeyButClaimingA_IsBadSignature()
    {
        var byB = new ObjectSigner(KeyB, time: new ManualTime(Start)).Sign(Indicator);
        var claimed = WithSignatureField(byB, "key_id", StixValue.String(KeyA.KeyId));

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(claimed).Status);
        Assert.Equal(NodeB, Verifier().Verify(byB).Signer);
    }

    [Fact]
    public void Verify_UnknownKey_IsUnknownKey()
    {
        var stranger = new ObjectSigner(SigningKey.Generate(Start.AddDays(-1)), time: new ManualTime(Start)).Sign(Indicator);

        var check = Verifier().Verify(stranger);

        Assert.Equal(SignatureStatus.UnknownKey, check.Status);
        Assert.False(check.IsAcceptable(mustSign: false));
    }

    [Fact]
    public void Verify_Unsigned_IsUnsignedAndAcceptableOnlyFromAPeerThatNeedNotSign()
    {
        var check = Verifier().Verify(Indicator);

        Assert.Equal(SignatureStatus.Unsigned, check.Status);
        Assert.False(check.IsAcceptable(mustSign: true));
        Assert.True(check.IsAcceptable(mustSign: false));
        Assert.Equal("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f: Unsigned: no signature extension", check.ToString());
    }

    [Fact]
    public void Verify_SignedByARetiredKeyAfterItsRetirement_IsKeyRetired()
    {
        var retired = KeyA.Public.WithRetired(Start.AddHours(-1));

        var check = Verifier(null, retired).Verify(Signed);

        Assert.Equal(SignatureStatus.KeyRetired, check.Status);
        Assert.Contains("after the key was retired", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByARetiredKeyBeforeItsRetirement_IsValid()
    {
        var retired = KeyA.Public.WithRetired(Start.AddHours(1));

        Assert.Equal(SignatureStatus.Valid, Verifier(new ManualTime(Start.AddDays(100)), retired).Verify(Signed).Status);
    }

    [Fact]
    public void Verify_DatedInTheFuture_IsNotYetValid()
    {
        var early = new ManualTime(Start - SignatureVerifier.ClockSkew - TimeSpan.FromSeconds(1));

        Assert.Equal(SignatureStatus.NotYetValid, Verifier(early).Verify(Signed).Status);
        Assert.Equal(SignatureStatus.Valid, Verifier(new ManualTime(Start - SignatureVerifier.ClockSkew)).Verify(Signed).Status);
    }

    [Fact]
    public void Verify_AVersionAlreadyHeld_IsReplayed()
    {
        var check = Verifier().Verify(Signed, (id, modified) => id == "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f" && modified == "2026-11-01T10:00:00.000Z");

        Assert.Equal(SignatureStatus.Replayed, check.Status);
        Assert.True(check.IsAuthentic);
        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(Signed, (_, _) => false).Status);
    }

    public static TheoryData<string, StixValue?> MalformedFields => new()
    {
        { "scheme", StixValue.String("other-scheme") },
        { "signed_at", StixValue.String("yesterday") },
        { "key_id", null },
        { "ed25519", StixValue.String("not base64!") },
        { "salts", StixValue.Array(["x"]) },
        { "extension_type", StixValue.String("new-sdo") },
        { "x_extra", StixValue.String("unsigned field") },
    };

    [Theory]
    [MemberData(nameof(MalformedFields))]
    public void Verify_MalformedExtension_IsMalformed(string field, StixValue? value)
    {
        var check = Verifier().Verify(WithSignatureField(Signed, field, value));

        Assert.Equal(SignatureStatus.Malformed, check.Status);
        Assert.NotEmpty(check.Reason);
    }

    [Fact]
    public void Verify_ExcludedProvenanceExtensionChangedPerHop_StillValid()
    {
        var excluded = SignatureExtension.WithExcluded(ProvenanceExtension);
        var signer = new ObjectSigner(KeyA, excluded, new ManualTime(Start));
        var withPath = With(Indicator, "extensions", With(Indicator["extensions"]!, ProvenanceExtension, Parse("""{"extension_type":"property-extension","path":["a"]}""")));
        var signed = signer.Sign(withPath);
        var hop = With(signed, "extensions", With(signed["extensions"]!, ProvenanceExtension, Parse("""{"extension_type":"property-extension","path":["a","b"]}""")));
        var verifier = new SignatureVerifier([new TrustRecord(NodeA, [KeyA.Public])], excluded, new ManualTime(Start));

        Assert.Equal(SignatureStatus.Valid, verifier.Verify(hop).Status);
        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(hop).Status);
    }

    [Theory]
    [InlineData("""{"type":"x-thing","id":"x-thing--00000000-0000-4000-8000-000000000001","size":9007199254740993}""", "2^53")]
    [InlineData("""{"type":"x-thing","id":"x-thing--00000000-0000-4000-8000-000000000001","granular_markings":[{"marking_ref":"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487","selectors":["nothing"]}]}""", "selects nothing")]
    public void Sign_ContentThatCannotBeSignedExactly_Refused(string json, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => SignerA().Sign(Parse(json)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HugeIntegerOnReceipt_IsMalformed()
    {
        var signed = SignerA().Sign(Parse("""{"type":"x-thing","id":"x-thing--00000000-0000-4000-8000-000000000001","size":9007199254740992}"""));
        var bumped = With(signed, "size", StixValue.Number("9007199254740993"));

        Assert.Equal(SignatureStatus.Malformed, Verifier().Verify(bumped).Status);
    }
}
