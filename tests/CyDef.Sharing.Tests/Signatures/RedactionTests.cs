using CyDef.Sharing.Markings;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Signatures.SigningFixtures;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>The sharing policy removes parts that granular markings deny; the signature of what is left still verifies.</summary>
public sealed class RedactionTests
{
    private readonly MarkingRegistry _registry = new();
    private readonly string _secret;
    private readonly Viewer _uncleared = Fixtures.Viewer(ViewerKind.Peer, Fixtures.OrgB);
    private readonly Viewer _cleared = Fixtures.Viewer(ViewerKind.Peer, Fixtures.OrgB, ClassificationLevel.Secret);

    public RedactionTests() => _secret = Fixtures.Handling(_registry, new HandlingMarking("", ClassificationLevel.Secret));

    private SharingPolicy Policy => new(_registry, Fixtures.TheNode);

    private StixValue Marked(params (string Marking, string[] Selectors)[] granular) =>
        With(Indicator, "granular_markings", StixValue.Array(granular.Select(g => StixValue.Object(
        [
            new("marking_ref", StixValue.String(g.Marking)),
            new("selectors", StixValue.Array(g.Selectors)),
        ])).ToArray()));

    private StixValue SendTo(Viewer viewer, StixValue signed)
    {
        var decision = Policy.Decide(signed, viewer);
        return ObjectSigner.Redact(signed, decision);
    }

    [Fact]
    public void Redact_ADeniedDescription_VerifiesWithOnePartWithheld()
    {
        var signed = SignerA().Sign(Marked((_secret, ["description"]), (Markings.CyDefMarkings.TlpClear, ["name"])));

        var sent = SendTo(_uncleared, signed);

        Assert.Null(sent["description"]);
        var check = Verifier().Verify(sent);
        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal(1, check.Withheld);
        var signature = Signature(sent);
        Assert.Null(signature["salts"]!["description"]);
        Assert.NotNull(signature["salts"]!["name"]);
        Assert.DoesNotContain("description", StixJsonWriter.ToJsonString(sent), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_FromTheRedactedValueAlone_AsPolicyViewGivesIt_Verifies()
    {
        var signed = SignerA().Sign(Marked((_secret, ["description", "labels.[0]"]), (Markings.CyDefMarkings.TlpClear, ["name"])));
        var value = Policy.Decide(signed, _uncleared).Value!;

        var sent = ObjectSigner.Redact(signed, value);

        var check = Verifier().Verify(sent);
        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal(2, check.Withheld);
    }

    [Fact]
    public void Redact_AValueThatIsNotARedaction_DoesNotVerify()
    {
        var signed = SignerA().Sign(Marked((_secret, ["description"])));
        var changed = With(Policy.Decide(signed, _uncleared).Value!, "confidence", StixValue.Number(1));

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(ObjectSigner.Redact(signed, changed)).Status);
    }

    [Fact]
    public void Redact_AClearedViewer_GetsTheFullCopy()
    {
        var signed = SignerA().Sign(Marked((_secret, ["description"])));

        var sent = SendTo(_cleared, signed);

        Assert.True(sent.DeepEquals(signed));
        Assert.Equal(0, Verifier().Verify(sent).Withheld);
    }

    [Fact]
    public void Redact_AListItemAndANestedExtensionProperty_VerifyWithBothWithheld()
    {
        var extension = "extensions.extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e.rank";
        var signed = SignerA().Sign(Marked((_secret, ["external_references.[0].url", extension]), (_secret, ["labels.[1]"])));

        var sent = SendTo(_uncleared, signed);

        Assert.Null(sent["external_references"]);
        Assert.Null(sent["labels"]);
        Assert.Null(sent["extensions"]!["extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e"]!["rank"]);
        var check = Verifier().Verify(sent);
        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal(3, check.Withheld);
    }

    [Fact]
    public void Redact_NestedPartsOneKeptOneRemoved_Verifies()
    {
        var hashes = Parse("""{"type":"file","spec_version":"2.1","id":"file--00000000-0000-4000-8000-000000000001","name":"a.exe","hashes":{"MD5":"00112233445566778899aabbccddeeff","SHA-256":"aa"}}""");
        var marked = With(hashes, "granular_markings", Parse($$"""[{"marking_ref":"{{_secret}}","selectors":["hashes.MD5"]},{"marking_ref":"{{Markings.CyDefMarkings.TlpClear}}","selectors":["hashes"]}]"""));
        var signed = SignerA().Sign(marked);

        var sent = SendTo(_uncleared, signed);

        Assert.Null(sent["hashes"]!["MD5"]);
        Assert.Equal("aa", sent["hashes"]!["SHA-256"]!.GetString());
        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(sent).Status);
    }

    [Fact]
    public void Redact_TheWholeExtensionsProperty_KeepsTheSignature()
    {
        var signed = SignerA().Sign(Marked((_secret, ["extensions"])));

        var sent = SendTo(_uncleared, signed);

        Assert.Equal([SignatureExtension.Id], sent["extensions"]!.Properties.ToArray().Select(p => p.Name));
        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(sent).Status);
    }

    [Fact]
    public void Redact_ByARelayAgain_StillVerifies()
    {
        var signed = SignerA().Sign(Marked((_secret, ["description"]), (_secret, ["labels"])));
        var firstHop = ObjectSigner.Redact(signed, Policy.Decide(signed, _cleared));

        // The relay's peer may not see the labels either: the relay redacts what it received.
        var secondHop = ObjectSigner.Redact(firstHop, Policy.Decide(firstHop, _uncleared));

        var check = Verifier().Verify(secondHop);
        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal(2, check.Withheld);
    }

    public static TheoryData<string, Func<StixValue, StixValue>> RedactedTampers => new()
    {
        { "a kept value changed", v => With(v, "name", StixValue.String("other")) },
        { "a withheld part put back with another value", v => With(v, "description", StixValue.String("guessed")) },
        { "a kept granular marking dropped", v => With(v, "granular_markings", null) },
        { "a withheld commitment dropped", v => WithSignatureField(v, "withheld", null) },
        { "a kept part removed and its salt with it", v => WithSignatureField(With(v, "name", null), "salts", null) },
    };

    [Theory]
    [MemberData(nameof(RedactedTampers))]
    public void Verify_TamperedRedactedCopy_IsBadSignature(string tamper, Func<StixValue, StixValue> change)
    {
        var signed = SignerA().Sign(Marked((_secret, ["description"]), (Markings.CyDefMarkings.TlpClear, ["name"])));
        var sent = SendTo(_uncleared, signed);

        var check = Verifier().Verify(change(sent));

        Assert.True(check.Status == SignatureStatus.BadSignature, $"{tamper}: {check}");
    }

    [Fact]
    public void Redact_LanguageMarkingsGoWithTheirParts_AndAreBoundToThoseKept()
    {
        var withLang = With(Marked((_secret, ["description"])), "granular_markings", Parse($$"""
            [{"marking_ref":"{{_secret}}","selectors":["description"]},
             {"lang":"fr","selectors":["description","name"]},
             {"marking_ref":"{{Markings.CyDefMarkings.TlpClear}}","selectors":["name"]}]
            """));
        var signed = SignerA().Sign(withLang);

        var sent = SendTo(_uncleared, signed);
        var langDropped = With(sent, "granular_markings", StixValue.Array(
            sent["granular_markings"]!.Items.ToArray().Where(e => e["lang"] is null).ToArray()));

        Assert.Equal(SignatureStatus.Valid, Verifier().Verify(sent).Status);
        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(langDropped).Status);
    }

    [Fact]
    public void Verify_AKeptPartMovedToAnotherPath_IsBadSignature()
    {
        var signed = SignerA().Sign(Marked((_secret, ["description"]), (Markings.CyDefMarkings.TlpClear, ["name"])));
        var salts = Signature(signed)["salts"]!;
        var moved = WithSignatureField(
            With(With(signed, "name", null), "x_name", signed["name"]),
            "salts",
            StixValue.Object([new("description", salts["description"]!), new("x_name", salts["name"]!)]));

        Assert.Equal(SignatureStatus.BadSignature, Verifier().Verify(moved).Status);
    }
}
