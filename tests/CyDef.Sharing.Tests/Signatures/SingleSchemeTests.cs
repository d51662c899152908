using CyDef.Sharing.Markings;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Signatures.SigningFixtures;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>
/// Objects signed one at a time by an earlier release (scheme <c>cydef-hybrid-1</c>: <c>cydef keys sign</c> before
/// batch signatures, kept in Fixtures/) still verify, redact and fail as they did.
/// </summary>
public sealed class SingleSchemeTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Signatures", "Fixtures");

    private static readonly StixValue[] Signed = File.ReadAllLines(Path.Combine(Folder, "hybrid-1.signed.ndjson"))
        .Where(l => l.Length > 0).Select(Parse).ToArray();

    private static SignatureVerifier Trusting()
    {
        Assert.True(TrustRecord.TryParse(File.ReadAllText(Path.Combine(Folder, "hybrid-1.trust.json")), out var record, out var error), error);
        return new SignatureVerifier([record], time: new ManualTime(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Verify_ObjectsSignedOneByOne_AreValid()
    {
        Assert.Equal(2, Signed.Length);
        Assert.All(Signed, v =>
        {
            Assert.Equal(SignatureExtension.SingleScheme, Signature(v)["scheme"]!.GetString());
            Assert.Equal(SignatureStatus.Valid, Trusting().Verify(v).Status);
        });
    }

    [Fact]
    public void Verify_ObjectSignedOneByOneTampered_IsBadSignature()
    {
        var check = Trusting().Verify(With(Signed[0], "name", StixValue.String("C2 server!")));

        Assert.Equal(SignatureStatus.BadSignature, check.Status);
        Assert.Contains("over the content", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ObjectSignedOneByOneGivenABatchProof_IsMalformed()
    {
        var check = Trusting().Verify(WithSignatureField(Signed[0], "tree_size", StixValue.Number(1)));

        Assert.Equal(SignatureStatus.Malformed, check.Status);
    }

    [Fact]
    public void Verify_ObjectSignedOneByOneRelabelledAsABatchOfOne_IsBadSignature()
    {
        var relabelled = Signed[0];
        foreach (var (field, value) in new[]
        {
            ("scheme", StixValue.String(SignatureExtension.Scheme)), ("leaf_salt", StixValue.String(Convert.ToBase64String(new byte[16]))),
            ("tree_size", StixValue.Number(1)), ("leaf_index", StixValue.Number(0)), ("audit_path", StixValue.Array(Array.Empty<StixValue>())),
        })
        {
            relabelled = WithSignatureField(relabelled, field, value);
        }

        Assert.Equal(SignatureStatus.BadSignature, Trusting().Verify(relabelled).Status);
    }

    [Fact]
    public void Redact_ObjectSignedOneByOne_StillVerifiesWithThePartWithheld()
    {
        // The second object's description is marked with a marking the registry does not know: the policy removes it.
        var policy = new SharingPolicy(new MarkingRegistry(), Fixtures.TheNode);
        var viewer = Fixtures.Viewer(ViewerKind.Peer, Fixtures.OrgB);
        var decision = policy.Decide(Signed[1], viewer);
        Assert.Equal(SharingOutcome.AllowRedacted, decision.Outcome);

        var sent = ObjectSigner.Redact(Signed[1], decision);

        var check = Trusting().Verify(sent);
        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal(1, check.Withheld);
        Assert.Equal(SignatureExtension.SingleScheme, Signature(sent)["scheme"]!.GetString());
    }
}
