using CyDef.Sharing.Markings;

namespace CyDef.Federation.Tests;

/// <summary>STIX objects for the tests.</summary>
internal static class Objects
{
    public const string OrgA = "identity--0000000a-0000-4000-8000-000000000000";
    public const string OrgB = "identity--0000000b-0000-4000-8000-000000000000";
    public const string OrgC = "identity--0000000c-0000-4000-8000-000000000000";

    public static string Id(int n) => $"indicator--{n:00000000}-0000-4000-8000-00000000f00d";

    public static string Indicator(int n, string owner, params string[] markings) => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{Id(n)}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","created_by_ref":"{{owner}}","name":"indicator {{n}}","pattern":"[ipv4-addr:value = '10.1.{{n / 256 % 256}}.{{n % 256}}']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"{{(markings.Length == 0 ? "" : ",\"object_marking_refs\":[" + string.Join(',', markings.Select(m => $"\"{m}\"")) + "]")}}}
        """;

    public static string Clear(int n, string owner) => Indicator(n, owner, CyDefMarkings.TlpClear);

    public static string Envelope(params string[] objects) => "{\"objects\":[" + string.Join(',', objects) + "]}";
}
