using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CyDef.Server.Signing;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using static CyDef.Federation.Tests.Objects;

namespace CyDef.Federation.Tests;

/// <summary>
/// Signed federation between whole nodes over real HTTP: what a node publishes is signed, what a peer that must sign
/// sends is verified, and unsigned, tampered, re-dated and unknown-key content is refused — not stored, counted and
/// logged with its id, version and reason — on the pull path and on the TAXII push path.
/// </summary>
public sealed class SignatureTests
{
    private const string Created = "2026-01-01T00:00:00.000Z";

    [Fact]
    public async Task Pull_FromSigningPeer_SignedVersionsArriveVerifiable_BadOnesRefusedLoggedAndNotStored()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        var record = a.Service<TrustRecord>();
        var signer = a.Service<ObjectSigner>();
        var tampered = Tamper(signer.Sign(Parse(Clear(1, OrgA))));
        var unsigned = Parse(Clear(2, OrgA));
        var unknownKey = new ObjectSigner(SigningKey.Generate(DateTimeOffset.UtcNow.AddMinutes(-1)), Signed.Excluded).Sign(Parse(Clear(3, OrgA)));
        var held = signer.Sign(Parse(Clear(4, OrgA)));
        var redated = Parse(ToJson(held).Replace($"\"modified\":\"{Created}\"", "\"modified\":\"2026-02-01T00:00:00.000Z\"", StringComparison.Ordinal));
        Assert.NotEqual(ToJson(held), ToJson(redated));

        // Stored at a directly, as a compromised or faulty node would serve them; b must refuse them all.
        var report = await a.Service<IObjectStore>().IngestObjectsAsync([tampered, unsigned, unknownKey, held, redated]);
        Assert.Equal(5, report.Accepted);
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, $"TrustRecord={record.ToJson(indented: false)}", "PollSeconds=600"));
        await a.PublishAsync(Clear(5, OrgA), Partly(6));
        var arrived = await b.WaitForAsync(Id(6));

        var trust = new SignatureVerifier([record], Signed.Excluded);
        var whole = trust.Verify(Parse((await b.GetAsync(Id(5)))!.Value.GetRawText()));
        Assert.Equal((SignatureStatus.Valid, OrgA, 0), (whole.Status, whole.Signer, whole.Withheld));
        var redacted = trust.Verify(Parse(arrived.GetRawText()));
        Assert.Equal((SignatureStatus.Valid, 1), (redacted.Status, redacted.Withheld)); // the AMBER description was withheld, the signature still holds
        Assert.False(arrived.TryGetProperty("description", out _));
        Assert.Equal(SignatureStatus.Valid, trust.Verify(Parse((await b.GetAsync(Id(4)))!.Value.GetRawText())).Status);
        foreach (var n in new[] { 1, 2, 3 })
        {
            Assert.Null(await b.GetAsync(Id(n)));
        }

        var versions = await b.Service<IObjectStore>().GetVersionsAsync(Id(4));
        Assert.Equal(Created, Assert.Single(versions).Modified); // the re-dated copy of version 4 was not stored
        var state = Assert.Single(await b.Service<FederationService>().StatusAsync()).State;
        Assert.Equal(4, state.Refused);
        Assert.Equal(4, state.Received); // 4, 5, 6 and a's own identity, signed at a's first start
        Assert.Contains("signature", state.LastRefusal, StringComparison.Ordinal);
        AssertLogged(b, "Peer a: refused", Id(1), Created, "BadSignature");
        AssertLogged(b, "Peer a: refused", Id(2), Created, "Unsigned");
        AssertLogged(b, "Peer a: refused", Id(3), Created, "UnknownKey");
        AssertLogged(b, "Peer a: refused", Id(4), "2026-02-01T00:00:00.000Z", "BadSignature");
    }

    [Fact]
    public async Task Pull_FromPeerNotRequiredToSign_UnsignedAccepted_TamperedStillRefused()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        var record = a.Service<TrustRecord>();
        await a.Service<IObjectStore>().IngestObjectsAsync([Parse(Clear(1, OrgA)), Tamper(a.Service<ObjectSigner>().Sign(Parse(Clear(2, OrgA))))]);
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, $"TrustRecord={record.ToJson(indented: false)}", "MustSign=false", "PollSeconds=600"));
        await a.PublishAsync(Clear(3, OrgA));

        await b.WaitForAsync(Id(3));

        var unsigned = Parse((await b.GetAsync(Id(1)))!.Value.GetRawText());
        Assert.Equal(SignatureStatus.Unsigned, new SignatureVerifier([record], Signed.Excluded).Verify(unsigned).Status);
        Assert.Null(await b.GetAsync(Id(2)));
        Assert.Equal(1, Assert.Single(await b.Service<FederationService>().StatusAsync()).State.Refused);
        AssertLogged(b, "Peer a: refused", Id(2), Created, "BadSignature");
    }

    [Fact]
    public async Task Pull_PeerRotatesItsKey_NewSignaturesAcceptedThroughItsServedTrustRecord()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        var first = a.Service<TrustRecord>();
        var url = new Uri(a.Address, NodeSigning.TrustRecordPath);
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, $"TrustRecord={first.ToJson(indented: false)}", $"TrustRecordUrl={url}", "PollSeconds=600"));
        await a.PublishAsync(Clear(1, OrgA));
        await b.WaitForAsync(Id(1));

        var rotated = a.Service<NodeSigningKeys>().Rotate();
        await a.PublishAsync(Clear(2, OrgA));
        var arrived = await b.WaitForAsync(Id(2));

        var trusted = b.Service<FederationTrust>().Records[OrgA];
        Assert.Contains(trusted.Keys, k => k.KeyId == rotated.KeyId);
        Assert.NotNull(trusted.Keys.Single(k => k.KeyId == first.Keys[0].KeyId).Retired);
        var check = b.Service<FederationTrust>().Check(Parse(arrived.GetRawText()));
        Assert.Equal((SignatureStatus.Valid, rotated.KeyId), (check.Status, check.KeyId));
        Assert.Equal(0, Assert.Single(await b.Service<FederationService>().StatusAsync()).State.Refused);
    }

    [Fact]
    public async Task TrustRecord_IsServedAnonymously_AndVerifiesWhatTheNodesUsersPublish()
    {
        await using var a = await TestNode.StartAsync(OrgA);
        await a.PublishAsync(Clear(1, OrgA));

        using var anonymous = new HttpClient { BaseAddress = a.Address };
        var served = await anonymous.GetStringAsync(NodeSigning.TrustRecordPath);

        Assert.True(TrustRecord.TryParse(served, out var record, out var error), error);
        Assert.Equal(OrgA, record.Node);
        var stored = Parse((await a.GetAsync(Id(1)))!.Value.GetRawText());
        var check = new SignatureVerifier([record], Signed.Excluded).Verify(stored);
        Assert.Equal((SignatureStatus.Valid, OrgA), (check.Status, check.Signer));
    }

    [Fact]
    public async Task Publish_OneEnvelope_IsSignedAsOneTreeThatVerifiesObjectByObject()
    {
        await using var a = await TestNode.StartAsync(OrgA);
        await a.PublishAsync(Clear(1, OrgA), Clear(2, OrgA), Clear(3, OrgA));

        var record = a.Service<TrustRecord>();
        var verifier = new SignatureVerifier([record], Signed.Excluded);
        for (var n = 1; n <= 3; n++)
        {
            var stored = Parse((await a.GetAsync(Id(n)))!.Value.GetRawText());
            var signature = stored["extensions"]![SignatureExtension.Id]!;
            Assert.Equal(SignatureExtension.Scheme, signature["scheme"]!.GetString());
            Assert.Equal("3", signature["tree_size"]!.GetRawNumber());
            Assert.Equal(SignatureStatus.Valid, verifier.Verify(stored).Status);
        }
    }

    [Fact]
    public async Task Push_FromSigningPeer_RefusesUnsignedTamperedRedatedAndUnknownKey_ReplayIsANoOp()
    {
        var key = SigningKey.Generate(DateTimeOffset.UtcNow.AddMinutes(-1));
        var record = new TrustRecord(OrgA, [key.Public]);
        var signer = new ObjectSigner(key, Signed.Excluded);
        await using var b = await TestNode.StartAsync(OrgB,
        [
            .. TestNode.PeerKey(1, "a-key", OrgA, $"TrustRecord={record.ToJson(indented: false)}"),
            .. TestNode.PeerKey(2, "c-key", OrgC),
        ]);
        var signed = signer.Sign(Parse(Clear(1, OrgA)));

        var accepted = await PostAsync(b, "a-key", signed);
        var replayed = await PostAsync(b, "a-key", signed);
        var redated = await PostAsync(b, "a-key", Parse(ToJson(signed).Replace($"\"modified\":\"{Created}\"", "\"modified\":\"2026-03-01T00:00:00.000Z\"", StringComparison.Ordinal)));
        var tampered = await PostAsync(b, "a-key", Tamper(signer.Sign(Parse(Clear(2, OrgA)))));
        var unsigned = await PostAsync(b, "a-key", Parse(Clear(3, OrgA)));
        var unknown = await PostAsync(b, "a-key", new ObjectSigner(SigningKey.Generate(DateTimeOffset.UtcNow.AddMinutes(-1)), Signed.Excluded).Sign(Parse(Clear(4, OrgA))));
        var fromUnsigningPeer = await PostAsync(b, "c-key", Parse(Clear(5, OrgC)));

        Assert.Equal((1, 0), accepted);
        Assert.Equal((1, 0), replayed); // the same signed version again: authentic, and a duplicate the store does not take twice
        Assert.Equal((0, 1), redated);
        Assert.Equal((0, 1), tampered);
        Assert.Equal((0, 1), unsigned);
        Assert.Equal((0, 1), unknown);
        Assert.Equal((1, 0), fromUnsigningPeer);
        Assert.Single(await b.Service<IObjectStore>().GetVersionsAsync(Id(1)));
        foreach (var n in new[] { 2, 3, 4 })
        {
            Assert.Null(await b.GetAsync(Id(n)));
        }

        Assert.NotNull(await b.GetAsync(Id(5)));
        AssertLogged(b, "refused pushed", Id(1), "2026-03-01T00:00:00.000Z", "BadSignature");
        AssertLogged(b, "refused pushed", Id(2), Created, "BadSignature");
        AssertLogged(b, "refused pushed", Id(3), Created, "Unsigned");
        AssertLogged(b, "refused pushed", Id(4), Created, "UnknownKey");
        var verifier = new SignatureVerifier([record], Signed.Excluded);
        Assert.Equal(SignatureStatus.Replayed, verifier.Verify(signed, (id, modified) => id == Id(1) && modified == Created).Status);
        Assert.Null(FederationTrust.Refusal(verifier.Verify(signed, (_, _) => true), mustSign: true));
    }

    [Fact]
    public async Task Push_ToPeerThatChecks_RefusalsCountedInThePushersStatus()
    {
        var sender = SigningKey.Generate(DateTimeOffset.UtcNow.AddMinutes(-1));
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB, $"TrustRecord={new TrustRecord(OrgB, [sender.Public]).ToJson(indented: false)}"));
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, "Mode=Push", "Communities:0=community--test", "PollSeconds=600"));

        // b signs with its own key, which a does not trust (its record names another key): every version b pushes is refused.
        await b.PublishAsync(Clear(1, OrgB));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        PeerState state;
        do
        {
            await Task.Delay(50);
            state = Assert.Single(await b.Service<FederationService>().StatusAsync()).State;
        }
        while (state.Refused < 2 && DateTime.UtcNow < deadline);

        Assert.True(state.Refused >= 2, $"{state.Refused} refused"); // b's identity and the indicator
        Assert.Contains("UnknownKey", state.LastRefusal, StringComparison.Ordinal);
        Assert.Null(await a.GetAsync(Id(1)));
        AssertLogged(a, "refused pushed", Id(1), Created, "UnknownKey");
    }

    private static StixValue Parse(string json) => StixJsonReader.Parse(json).GetValueOrThrow();

    private static string ToJson(StixValue value) => StixJsonWriter.ToJsonString(value);

    // A property changed after signing.
    private static StixValue Tamper(StixValue signed)
    {
        var json = ToJson(signed);
        var changed = json.Replace("\"name\":\"indicator ", "\"name\":\"changed indicator ", StringComparison.Ordinal);
        Assert.NotEqual(json, changed);
        return Parse(changed);
    }

    // A CLEAR indicator whose description is AMBER: a peer gets it without the description.
    private static string Partly(int n) =>
        Clear(n, OrgA).TrimEnd()[..^1] + $$""","description":"amber details","granular_markings":[{"marking_ref":"{{CyDefMarkings.TlpAmber}}","selectors":["description"]}]}""";

    private static void AssertLogged(TestNode node, string prefix, string id, string version, string status) =>
        Assert.Contains(node.Logs.Lines, l => l.Contains(prefix, StringComparison.Ordinal) && l.Contains($"{id} version {version}: signature {status}", StringComparison.Ordinal));

    private static async Task<(int Success, int Failure)> PostAsync(TestNode node, string key, StixValue value)
    {
        using var http = new HttpClient { BaseAddress = node.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        http.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Taxii.TaxiiMediaTypes.Taxii21));
        using var content = new StringContent(Envelope(ToJson(value)), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii.TaxiiMediaTypes.Taxii21);
        using var response = await http.PostAsync("/cydef/collections/default/objects/", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("complete", status.RootElement.GetProperty("status").GetString());
        return (status.RootElement.GetProperty("success_count").GetInt32(), status.RootElement.GetProperty("failure_count").GetInt32());
    }
}
