using CsCheck;
using CyDef.Sharing.Markings;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Signatures.SigningFixtures;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>
/// Random objects: a signed one verifies, and any single change to it — a value, a key added or removed anywhere,
/// the signature's own fields included — makes it fail; redacted copies verify and fail the same way.
/// </summary>
public sealed class SignaturePropertyTests
{
    private static readonly string[] Names = ["name", "description", "labels", "confidence", "x_a", "x_b", "hashes", "x_list"];
    private static readonly string[] InnerNames = ["MD5", "SHA-256", "k", "url", "v"];

    private static readonly Gen<StixValue> Leaf = Gen.Frequency(
        (4, Gen.String[Gen.Char["abcxyzé€ \"\\\n"], 0, 8].Select(StixValue.String)),
        (2, Gen.Long[-1_000_000, 9_007_199_254_740_992].Select(StixValue.Number)),
        (1, Gen.Bool.Select(StixValue.Boolean)));

    private static readonly Gen<StixValue> Inner = Gen.Frequency(
        (4, Leaf),
        (1, Leaf.Array[0, 3].Select(StixValue.Array)),
        (1, Gen.Select(Gen.OneOf(InnerNames), Leaf).Array[0, 3].Select(Object)));

    private static readonly Gen<StixValue> Value = Gen.Frequency(
        (3, Leaf),
        (1, Inner.Array[0, 3].Select(StixValue.Array)),
        (2, Gen.Select(Gen.OneOf(InnerNames), Inner).Array[1, 4].Select(Object)));

    private static readonly Gen<StixValue> Objects = Gen.Select(Gen.Guid, Gen.Select(Gen.OneOf(Names), Value).Array[1, 6])
        .Select((id, properties) => Object(
        [
            ("type", StixValue.String("x-thing")),
            ("spec_version", StixValue.String("2.1")),
            ("id", StixValue.String("x-thing--" + id)),
            ("created", StixValue.String("2026-11-01T10:00:00.000Z")),
            ("modified", StixValue.String("2026-11-01T10:00:00.000Z")),
            .. properties,
        ]));

    [Fact]
    public void SignThenVerify_RandomObjects_ValidAndAnySingleChangeFails()
    {
        var signer = SignerA();
        var verifier = Verifier();
        Gen.Select(Objects, Gen.Int, Gen.Int[0, 4]).Sample((value, where, how) =>
        {
            var signed = signer.Sign(value);
            Assert.Equal(SignatureStatus.Valid, verifier.Verify(signed).Status);
            Assert.Equal(SignatureStatus.Valid, verifier.Verify(Parse(StixJsonWriter.ToJsonString(signed))).Status);

            var changed = Mutation.Apply(signed, where, how);
            var check = verifier.Verify(changed);
            Assert.True(!check.IsAuthentic, $"{check} after a change of {StixJsonWriter.ToJsonString(signed)} into {StixJsonWriter.ToJsonString(changed)}");
        }, iter: 150);
    }

    [Fact]
    public void Redact_RandomGranularMarkings_RedactedCopyVerifiesAndAnySingleChangeFails()
    {
        var registry = new MarkingRegistry();
        var secret = Fixtures.Handling(registry, new HandlingMarking("", ClassificationLevel.Secret));
        var policy = new SharingPolicy(registry, Fixtures.TheNode);
        var viewer = Fixtures.Viewer(ViewerKind.Peer, Fixtures.OrgB);
        var signer = SignerA();
        var verifier = Verifier();
        var redacted = 0;
        Gen.Select(Objects, Gen.Int.Array[1, 4], Gen.Bool.Array[4], Gen.Int, Gen.Int[0, 4]).Sample((value, picks, secrets, where, how) =>
        {
            var selectors = Selectors(value);
            var granular = picks.Select((p, i) => StixValue.Object(
            [
                new("marking_ref", StixValue.String(secrets[i] ? secret : CyDefMarkings.TlpClear)),
                new("selectors", StixValue.Array([selectors[(p & int.MaxValue) % selectors.Count]])),
            ])).ToArray();
            var signed = signer.Sign(With(value, "granular_markings", StixValue.Array(granular)));
            var decision = policy.Decide(signed, viewer);
            if (!decision.IsAllowed)
            {
                return;
            }

            var sent = ObjectSigner.Redact(signed, decision);
            var check = verifier.Verify(sent);
            Assert.True(check.Status == SignatureStatus.Valid, $"{check}: {StixJsonWriter.ToJsonString(sent)}");
            redacted += check.Withheld > 0 ? 1 : 0;

            var changed = Mutation.Apply(sent, where, how);
            Assert.False(verifier.Verify(changed).IsAuthentic, $"a change of {StixJsonWriter.ToJsonString(sent)} into {StixJsonWriter.ToJsonString(changed)}");
        }, iter: 150);
        Assert.True(redacted > 20, $"only {redacted} redacted copies were checked");
    }

    /// <summary>Selectors of the parts of an object that are not essential: properties, nested keys, list items.</summary>
    private static List<string> Selectors(StixValue value)
    {
        var selectors = new List<string>();
        foreach (var (name, child) in value.Properties)
        {
            if (name is "type" or "id" or "spec_version" or "created" or "modified")
            {
                continue;
            }

            selectors.Add(name);
            selectors.AddRange(child.Properties.ToArray().Select(p => $"{name}.{p.Name}"));
            selectors.AddRange(Enumerable.Range(0, child.Items.Length).Select(i => $"{name}.[{i}]"));
        }

        return selectors;
    }

    private static StixValue Object(IEnumerable<(string Name, StixValue Value)> properties) =>
        StixValue.Object(properties.DistinctBy(p => p.Name).Select(p => new StixProperty(p.Name, p.Value)).ToArray());
}
