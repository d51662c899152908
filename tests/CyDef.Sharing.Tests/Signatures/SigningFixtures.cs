using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>Keys made once for the signature tests (ML-DSA key generation is not free), and helpers.</summary>
internal static class SigningFixtures
{
    public const string NodeA = "identity--00000000-0000-4000-8000-00000000000a";
    public const string NodeB = "identity--00000000-0000-4000-8000-00000000000b";
    public const string ProvenanceExtension = CyDef.Sharing.Provenance.Extension;

    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static SigningKey KeyA { get; } = SigningKey.Generate(Start.AddDays(-30));

    public static SigningKey KeyB { get; } = SigningKey.Generate(Start.AddDays(-30));

    public static ObjectSigner SignerA(TimeProvider? time = null) => new(KeyA, time: time ?? new ManualTime(Start));

    public static SignatureVerifier Verifier(TimeProvider? time = null, params PublicSigningKey[] keysOfA) =>
        new([new TrustRecord(NodeA, keysOfA.Length > 0 ? keysOfA : [KeyA.Public]), new TrustRecord(NodeB, [KeyB.Public])], time: time ?? new ManualTime(Start));

    public static StixValue Parse(string json) => StixJsonReader.Parse(json).GetValueOrThrow();

    /// <summary>The object with one property replaced (or added at the end, or removed when value is null).</summary>
    public static StixValue With(StixValue value, string name, StixValue? replacement)
    {
        var properties = value.Properties.ToArray().Where(p => p.Name != name || replacement is not null)
            .Select(p => p.Name == name ? new StixProperty(name, replacement!) : p).ToList();
        if (replacement is not null && value[name] is null)
        {
            properties.Add(new StixProperty(name, replacement));
        }

        return StixValue.Object([.. properties]);
    }

    /// <summary>The object with one field of its signature extension replaced (or removed when null).</summary>
    public static StixValue WithSignatureField(StixValue value, string name, StixValue? replacement)
    {
        var extensions = value["extensions"]!;
        var signature = With(extensions[SignatureExtension.Id]!, name, replacement);
        return With(value, "extensions", With(extensions, SignatureExtension.Id, signature));
    }

    public static StixValue Signature(StixValue value) => value["extensions"]![SignatureExtension.Id]!;

    public const string IndicatorJson = """
        {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created":"2026-11-01T10:00:00.000Z","modified":"2026-11-01T10:00:00.000Z","name":"C2 server",
         "description":"Seen in the campaign against the ministry","indicator_types":["malicious-activity"],
         "pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-11-01T10:00:00Z",
         "confidence":85,"labels":["c2","apt"],
         "external_references":[{"source_name":"cert","url":"https://cert.example/1"}],
         "created_by_ref":"identity--00000000-0000-4000-8000-00000000000a",
         "object_marking_refs":["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"],
         "extensions":{"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e":{"extension_type":"property-extension","rank":5}}}
        """;

    public static StixValue Indicator { get; } = Parse(IndicatorJson);
}
