using CsCheck;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Signatures.SigningFixtures;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>Objects signed together: one signature of a Merkle tree's root, an inclusion proof per object.</summary>
public sealed class BatchSignatureTests
{
    private static StixValue[] Batch(int size, string name = "C2 server") =>
        Enumerable.Range(0, size).Select(i => With(With(Indicator, "id", StixValue.String($"indicator--00000000-0000-4000-8000-{i:D12}")), "name", StixValue.String($"{name} {i}"))).ToArray();

    private static StixValue[] SignedBatch(int size, ObjectSigner? signer = null, string name = "C2 server") =>
        (signer ?? SignerA()).SignBatch(Batch(size, name)).Select(r => r.Value!).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void SignBatch_ThenVerify_EveryObjectValidWithOneRootVerified(int size)
    {
        var signed = SignedBatch(size);
        var verifier = Verifier();

        for (var i = 0; i < size; i++)
        {
            var check = verifier.Verify(signed[i]);
            Assert.True(check.Status == SignatureStatus.Valid, $"object {i}: {check}");
            Assert.Equal(NodeA, check.Signer);
            Assert.Equal(size, Signature(signed[i])["tree_size"]!.TryGetInt64(out var treeSize) ? treeSize : -1);
            Assert.Equal(i, Signature(signed[i])["leaf_index"]!.TryGetInt64(out var index) ? index : -1);
        }

        Assert.Equal(1, verifier.VerifiedRootCount);
    }

    [Fact]
    public void SignBatch_AfterAJsonRoundTrip_StillVerifies()
    {
        var reread = SignedBatch(5).Select(v => Parse(StixJsonWriter.ToJsonString(v))).ToArray();

        Assert.All(reread, v => Assert.Equal(SignatureStatus.Valid, Verifier().Verify(v).Status));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ml_dsa_65")]
    public void Verify_ReadFromJson_OneObjectsSignatureTextChanged_OnlyThatOneFails(string field)
    {
        // Read from JSON, as a peer's page is, the signatures are decoded from their UTF-8 text, and the batch's
        // repeated text is decoded once: an object whose text differs by one character must not get the others' bytes.
        var json = SignedBatch(4).Select(v => StixJsonWriter.ToJsonString(v)).ToArray();
        var text = Signature(Parse(json[2]))[field]!.GetString();
        var changed = (text[0] == 'A' ? "B" : "A") + text[1..];
        json[2] = json[2].Replace($"\"{text}\"", $"\"{changed}\"", StringComparison.Ordinal);
        var verifier = Verifier();

        var checks = json.Select(j => verifier.Verify(StixJsonReader.ParseInPlace(System.Text.Encoding.UTF8.GetBytes(j)).Value!)).ToArray();

        Assert.Equal([SignatureStatus.Valid, SignatureStatus.Valid, SignatureStatus.BadSignature, SignatureStatus.Valid], checks.Select(c => c.Status));
    }

    [Fact]
    public void Verify_ReadFromJson_SignatureBase64WithSpaces_StillValid()
    {
        // Base64 may be wrapped (RFC 4648 decoders ignore white space, as Convert did before the UTF-8 path).
        var json = StixJsonWriter.ToJsonString(SignedBatch(2)[1]);
        var text = Signature(Parse(json))["ml_dsa_65"]!.GetString();
        var wrapped = string.Join(' ', text.Chunk(76).Select(c => new string(c)));
        var value = StixJsonReader.ParseInPlace(System.Text.Encoding.UTF8.GetBytes(json.Replace(text, wrapped, StringComparison.Ordinal))).Value!;

        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(value).Status);
    }

    [Theory]
    [InlineData("ml_dsa_65", "\"not base64, but long enough to be remembered if it were: 0123456789 0123456789 0123456789\"")]
    [InlineData("ml_dsa_65", "\"QUJD=\"")]
    [InlineData("ed25519", "\"@@@@\"")]
    public void Verify_ReadFromJson_SignatureNotBase64_IsMalformed(string field, string replacement)
    {
        var json = StixJsonWriter.ToJsonString(SignedBatch(2)[1]);
        var text = Signature(Parse(json))[field]!.GetString();
        var value = StixJsonReader.ParseInPlace(System.Text.Encoding.UTF8.GetBytes(json.Replace($"\"{text}\"", replacement, StringComparison.Ordinal))).Value!;

        Assert.Equal(SignatureStatus.Malformed, Verifier().Verify(value).Status);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Verify_OneObjectOfTheBatchTampered_OnlyThatOneFails(int size)
    {
        var signed = SignedBatch(size);
        for (var tampered = 0; tampered < size; tampered++)
        {
            var verifier = Verifier();
            for (var i = 0; i < size; i++)
            {
                var value = i == tampered ? With(signed[i], "confidence", StixValue.Number(86)) : signed[i];
                var check = verifier.Verify(value);
                Assert.True((i == tampered ? SignatureStatus.BadSignature : SignatureStatus.Valid) == check.Status, $"object {i}, tampered {tampered}: {check}");
            }
        }
    }

    [Fact]
    public void Verify_CachedRoot_StillRejectsATamperedLeaf()
    {
        var signed = SignedBatch(4);
        var verifier = Verifier();
        Assert.All(signed, v => Assert.Equal(SignatureStatus.Valid, verifier.Verify(v).Status));
        Assert.Equal(1, verifier.VerifiedRootCount);

        var check = verifier.Verify(With(signed[2], "name", StixValue.String("renamed")));

        Assert.Equal(SignatureStatus.BadSignature, check.Status);
        Assert.Contains("root", check.Reason, StringComparison.Ordinal);
        Assert.Equal(1, verifier.VerifiedRootCount);
    }

    [Theory]
    [InlineData("audit_path")]
    [InlineData("whole extension")]
    public void Verify_ProofFromAnotherBatch_IsBadSignature(string taken)
    {
        var first = SignedBatch(4);
        var second = SignedBatch(4, name: "Other batch");
        var verifier = Verifier();
        Assert.Equal(SignatureStatus.Valid, verifier.Verify(second[1]).Status);

        var mixed = taken == "audit_path"
            ? WithSignatureField(first[1], "audit_path", Signature(second[1])["audit_path"])
            : With(first[1], "extensions", With(first[1]["extensions"]!, SignatureExtension.Id, Signature(second[1])));

        Assert.Equal(SignatureStatus.BadSignature, verifier.Verify(mixed).Status);
    }

    [Theory]
    [InlineData(3, SignatureStatus.BadSignature)]  // leaf 2's path fits leaf 3 too (3 hashes): the root differs
    [InlineData(0, SignatureStatus.BadSignature)]
    [InlineData(6, SignatureStatus.BadProof)]      // leaf 6 of 7 has a path of 2 hashes
    [InlineData(7, SignatureStatus.BadProof)]      // no leaf 7 in a tree of 7
    public void Verify_LeafIndexSwapped_Fails(long index, SignatureStatus expected)
    {
        var signed = SignedBatch(7);
        var verifier = Verifier();
        Assert.Equal(SignatureStatus.Valid, verifier.Verify(signed[2]).Status);

        var check = verifier.Verify(WithSignatureField(signed[2], "leaf_index", StixValue.Number(index)));

        Assert.Equal(expected, check.Status);
        Assert.NotEmpty(check.Reason);
    }

    [Fact]
    public void Verify_TwoObjectsSwapTheirProofs_BothFail()
    {
        var signed = SignedBatch(4);
        var (a, b) = (Signature(signed[1]), Signature(signed[2]));

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(With(signed[1], "extensions", With(signed[1]["extensions"]!, SignatureExtension.Id, b))).Status);
        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(With(signed[2], "extensions", With(signed[2]["extensions"]!, SignatureExtension.Id, a))).Status);
    }

    [Theory]
    [InlineData(6, SignatureStatus.BadSignature)]  // leaf 0's path of a tree of 6 folds to that tree's root: the signed size tells
    [InlineData(9, SignatureStatus.BadProof)]
    public void Verify_TreeSizeChanged_Fails(long size, SignatureStatus expected)
    {
        var signed = SignedBatch(7);

        Assert.Equal(expected, Verifier().Verify(WithSignatureField(signed[0], "tree_size", StixValue.Number(size))).Status);
    }

    [Fact]
    public void Verify_AuditPathWithAHashAddedOrDropped_IsBadProof()
    {
        var signed = SignedBatch(4);
        var path = Signature(signed[1])["audit_path"]!.Items.ToArray();

        Assert.Equal(SignatureStatus.BadProof, Verifier().Verify(WithSignatureField(signed[1], "audit_path", StixValue.Array(path[..1]))).Status);
        Assert.Equal(SignatureStatus.BadProof, Verifier().Verify(WithSignatureField(signed[1], "audit_path", StixValue.Array([.. path, path[0]]))).Status);
    }

    [Fact]
    public void Verify_AHashOfTheAuditPathChanged_IsBadSignature()
    {
        var signed = SignedBatch(4);
        var path = Signature(signed[1])["audit_path"]!.Items.ToArray();
        path[1] = StixValue.String(Convert.ToBase64String(new byte[32]));

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(WithSignatureField(signed[1], "audit_path", StixValue.Array(path))).Status);
    }

    public static TheoryData<string, StixValue?> MalformedProofs => new()
    {
        { "leaf_salt", null },
        { "leaf_salt", StixValue.String(Convert.ToBase64String(new byte[15])) },
        { "tree_size", null },
        { "tree_size", StixValue.Number(0) },
        { "tree_size", StixValue.String("4") },
        { "leaf_index", StixValue.Number(-1) },
        { "leaf_index", StixValue.Number("1.5") },
        { "audit_path", StixValue.Array(["not base64!"]) },
        { "audit_path", StixValue.Array([Convert.ToBase64String(new byte[31])]) },
        { "audit_path", StixValue.String("") },
        { "audit_path", StixValue.Array(Enumerable.Repeat(Convert.ToBase64String(new byte[32]), 65)) },
    };

    [Theory]
    [MemberData(nameof(MalformedProofs))]
    public void Verify_MalformedProof_IsMalformed(string field, StixValue? value)
    {
        var signed = SignedBatch(4);

        var check = Verifier().Verify(WithSignatureField(signed[1], field, value));

        Assert.Equal(SignatureStatus.Malformed, check.Status);
        Assert.NotEmpty(check.Reason);
    }

    [Fact]
    public void Verify_BatchByAnUnknownKey_IsUnknownKey()
    {
        var stranger = new ObjectSigner(SigningKey.Generate(Start.AddDays(-1)), time: new ManualTime(Start));

        Assert.All(SignedBatch(3, stranger), v => Assert.Equal(SignatureStatus.UnknownKey, Verifier().Verify(v).Status));
    }

    [Fact]
    public void Verify_ObjectWithoutItsSignature_IsUnsigned()
    {
        var signed = SignedBatch(3);

        Assert.Equal(SignatureStatus.Unsigned, Verifier().Verify(With(signed[0], "extensions", With(signed[0]["extensions"]!, SignatureExtension.Id, null))).Status);
    }

    [Fact]
    public void Verify_BatchSignedAfterItsKeyRetired_IsKeyRetiredAndNotFromTheCache()
    {
        var signed = SignedBatch(3);
        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(signed[0]).Status);

        var check = Verifier(null, KeyA.Public.WithRetired(Start.AddHours(-1))).Verify(signed[1]);

        Assert.Equal(SignatureStatus.KeyRetired, check.Status);
    }

    [Fact]
    public void SignBatch_AnObjectThatCannotBeSigned_IsLeftOutAndTheOthersSigned()
    {
        var values = Batch(3);
        values[1] = With(values[1], "x_size", StixValue.Number("9007199254740993"));

        var results = SignerA().SignBatch(values);

        Assert.False(results[1].IsSigned);
        Assert.Contains("2^53", results[1].Error, StringComparison.Ordinal);
        Assert.All(new[] { results[0], results[2] }, r => Assert.Equal(SignatureStatus.Valid, Verifier().Verify(r.Value!).Status));
        Assert.True(Signature(results[2].Value!)["tree_size"]!.TryGetInt64(out var size) && size == 2);
    }

    [Fact]
    public void SignBatch_TheSameObjectsTwice_GiveOtherHashesOfEachOther()
    {
        // Each leaf is salted: the hash of a neighbour in an audit path cannot confirm a guess of the neighbour's content.
        var first = SignedBatch(2);
        var second = SignedBatch(2);

        Assert.NotEqual(Signature(first[0])["audit_path"]!.Items[0].GetString(), Signature(second[0])["audit_path"]!.Items[0].GetString());
        Assert.NotEqual(Signature(first[0])["leaf_salt"]!.GetString(), Signature(first[1])["leaf_salt"]!.GetString());
    }

    [Fact]
    public void Verify_LeafSaltChanged_IsBadSignature()
    {
        var signed = SignedBatch(3);

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(WithSignatureField(signed[1], "leaf_salt", StixValue.String(Convert.ToBase64String(new byte[16])))).Status);
    }

    [Fact]
    public void SignBatch_Empty_SignsNothing()
    {
        Assert.Empty(SignerA().SignBatch([]));
    }

    [Fact]
    public void SignBatch_RandomBatchesWithOneObjectChanged_OnlyThatOneFails()
    {
        var signer = SignerA();
        Gen.Select(Gen.Int[1, 40], Gen.Int, Gen.Int, Gen.Int[0, 4]).Sample((size, which, where, how) =>
        {
            var signed = SignedBatch(size, signer);
            var changed = (which & int.MaxValue) % size;
            signed[changed] = Mutation.Apply(signed[changed], where, how);
            var verifier = Verifier();
            for (var i = 0; i < size; i++)
            {
                var check = verifier.Verify(signed[i]);
                Assert.True(i == changed ? !check.IsAuthentic : check.Status == SignatureStatus.Valid, $"object {i} of {size}, {changed} changed: {check}");
            }
        }, iter: 40);
    }
}
