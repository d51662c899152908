using BenchmarkDotNet.Attributes;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Signatures;

/// <summary>
/// Signing and verifying one typical indicator (a TLP marking, an external reference, 640 bytes of JSON) with the
/// hybrid Ed25519 + ML-DSA-65 signature; <c>granular</c> adds two granular markings, whose parts get salted
/// commitments, and <c>redacted</c> verifies a copy with one of them withheld. One object per operation:
/// objects/s = 10^9 / mean (ns). The ML-DSA-65 signing is hedged (randomised), so its time varies per call
/// (FIPS 204's rejection loop).
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const string Secret = "marking-definition--2b1a3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    private ObjectSigner _signer = null!;
    private SignatureVerifier _verifier = null!;
    private StixValue _object = null!;
    private StixValue _signed = null!;

    /// <summary>plain: no granular markings; granular: two; redacted: the granular one with the description withheld.</summary>
    [Params("plain", "granular", "redacted")]
    public string Content { get; set; } = "plain";

    [GlobalSetup]
    public void Setup()
    {
        var key = SigningKey.Generate(DateTimeOffset.UtcNow.AddDays(-1));
        _signer = new ObjectSigner(key);
        _verifier = new SignatureVerifier([new TrustRecord("identity--00000000-0000-4000-8000-00000000000a", [key.Public])]);
        var granular = Content == "plain" ? "" :
            $$""","granular_markings":[{"marking_ref":"{{Secret}}","selectors":["description"]},{"marking_ref":"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487","selectors":["name","external_references.[0].url"]}]""";
        _object = StixJsonReader.Parse($$"""
            {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
             "created":"2026-11-01T10:00:00.000Z","modified":"2026-11-01T10:00:00.000Z","name":"C2 server",
             "description":"Seen in the campaign against the ministry","indicator_types":["malicious-activity"],
             "pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-11-01T10:00:00Z",
             "confidence":85,"labels":["c2","apt"],
             "external_references":[{"source_name":"cert","url":"https://cert.example/1"}],
             "created_by_ref":"identity--00000000-0000-4000-8000-00000000000a",
             "object_marking_refs":["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]{{granular}}}
            """).GetValueOrThrow();
        _signed = _signer.Sign(_object);
        if (Content == "redacted")
        {
            // The registry does not know the marking of the description: the policy removes it (fails closed).
            var policy = new SharingPolicy(new MarkingRegistry(), new NodeIdentity("identity--00000000-0000-4000-8000-00000000000a", new HashSet<string>()));
            var viewer = new Viewer(ViewerKind.Peer, "identity--00000000-0000-4000-8000-00000000000b", ClassificationLevel.Unclassified, null, new HashSet<string>(), new HashSet<string>());
            _signed = ObjectSigner.Redact(_signed, policy.Decide(_signed, viewer));
        }

        if (_verifier.Verify(_signed).Status != SignatureStatus.Valid)
        {
            throw new InvalidOperationException("the benchmark's signed object does not verify");
        }
    }

    /// <summary>Signs the object: canonical JSON, commitments, Ed25519 and ML-DSA-65.</summary>
    [Benchmark]
    public StixValue Sign() => _signer.Sign(_object);

    /// <summary>Verifies the signed object: canonical JSON, commitments, both signatures.</summary>
    [Benchmark]
    public SignatureStatus Verify() => _verifier.Verify(_signed).Status;
}
