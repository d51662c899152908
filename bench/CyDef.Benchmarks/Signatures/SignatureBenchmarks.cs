using BenchmarkDotNet.Attributes;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Signatures;

/// <summary>
/// Signing and verifying a batch of <see cref="Batch"/> typical indicators (a TLP marking, an external reference, 640
/// bytes of JSON each) with one hybrid Ed25519 + ML-DSA-65 signature of the batch's Merkle tree root;
/// <c>granular</c> adds two granular markings, whose parts get salted commitments, and <c>redacted</c> verifies
/// copies with one of them withheld. Per operation: the whole batch, so objects/s = Batch × 10^9 / mean (ns).
/// <see cref="Verify"/> uses a new verifier each time, as a receiver meeting the batch for the first time: one root
/// verification per batch. The ML-DSA-65 signing is hedged (randomised), so its time varies per call (FIPS 204's
/// rejection loop).
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const string Secret = "marking-definition--2b1a3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private const string Node = "identity--00000000-0000-4000-8000-00000000000a";

    private ObjectSigner _signer = null!;
    private TrustRecord _record = null!;
    private StixValue[] _objects = [];
    private StixValue[] _signed = [];
    private StixValue[] _redactedValues = [];

    /// <summary>plain: no granular markings; granular: two; redacted: the granular one with the description withheld.</summary>
    [Params("plain", "granular", "redacted")]
    public string Content { get; set; } = "plain";

    /// <summary>Objects signed together (one Merkle tree).</summary>
    [Params(1, 100, 1000, 10000)]
    public int Batch { get; set; } = 1;

    /// <summary>The objects as signed (or, for <c>redacted</c>, as the peer receives them).</summary>
    public IReadOnlyList<StixValue> Signed => _signed;

    /// <summary>The objects before signing.</summary>
    public IReadOnlyList<StixValue> Objects => _objects;

    [GlobalSetup]
    public void Setup()
    {
        var key = SigningKey.Generate(DateTimeOffset.UtcNow.AddDays(-1));
        _signer = new ObjectSigner(key);
        _record = new TrustRecord(Node, [key.Public]);
        _objects = Enumerable.Range(0, Batch).Select(Indicator).ToArray();
        _signed = _signer.SignBatch(_objects).Select(r => r.Value!).ToArray();
        if (Content == "redacted")
        {
            // The registry does not know the marking of the description: the policy removes it (fails closed).
            var policy = new SharingPolicy(new MarkingRegistry(), new NodeIdentity(Node, new HashSet<string>()));
            var viewer = new Viewer(ViewerKind.Peer, "identity--00000000-0000-4000-8000-00000000000b", ClassificationLevel.Unclassified, null, new HashSet<string>(), new HashSet<string>());
            _redactedValues = _signed.Select(s => policy.Decide(s, viewer).Value!).ToArray();
            _signed = _signed.Select((s, i) => ObjectSigner.Redact(s, _redactedValues[i])).ToArray();
        }

        if (Verify() != Batch)
        {
            throw new InvalidOperationException("the benchmark's signed objects do not verify");
        }
    }

    /// <summary>Signs the batch: canonical JSON, commitments and leaf hash per object, the tree, Ed25519 and ML-DSA-65 once.</summary>
    [Benchmark]
    public IReadOnlyList<SigningResult> Sign() => _signer.SignBatch(_objects);

    /// <summary>Verifies every object of the batch: canonical JSON, commitments, the proof per object; both signatures once.</summary>
    [Benchmark]
    public int Verify()
    {
        var verifier = new SignatureVerifier([_record]);
        var valid = 0;
        foreach (var value in _signed)
        {
            valid += verifier.Verify(value).Status == SignatureStatus.Valid ? 1 : 0;
        }

        return valid;
    }

    /// <summary>
    /// The sharing view's rewrite of each redacted copy's signature (<c>PolicyView</c> calls it per copy it gives):
    /// commitments recomputed, no signing. Only for <c>redacted</c>; 0 otherwise.
    /// </summary>
    [Benchmark]
    public int Redact()
    {
        var count = 0;
        for (var i = 0; i < _redactedValues.Length; i++)
        {
            count += ObjectSigner.Redact(_signed[i], _redactedValues[i]).Count;
        }

        return count;
    }

    private StixValue Indicator(int n)
    {
        var granular = Content == "plain" ? "" :
            $$""","granular_markings":[{"marking_ref":"{{Secret}}","selectors":["description"]},{"marking_ref":"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487","selectors":["name","external_references.[0].url"]}]""";
        return StixJsonReader.Parse($$"""
            {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-{{n:x12}}",
             "created":"2026-11-01T10:00:00.000Z","modified":"2026-11-01T10:00:00.000Z","name":"C2 server",
             "description":"Seen in the campaign against the ministry","indicator_types":["malicious-activity"],
             "pattern":"[ipv4-addr:value = '198.51.{{n / 256 % 256}}.{{n % 256}}']","pattern_type":"stix","valid_from":"2026-11-01T10:00:00Z",
             "confidence":85,"labels":["c2","apt"],
             "external_references":[{"source_name":"cert","url":"https://cert.example/1"}],
             "created_by_ref":"{{Node}}",
             "object_marking_refs":["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]{{granular}}}
            """).GetValueOrThrow();
    }
}
