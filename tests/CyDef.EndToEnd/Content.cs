using CyDef.Sharing.Markings;
using CyDef.Stix.Json;

namespace CyDef.EndToEnd;

/// <summary>The STIX content the end-to-end tests publish.</summary>
internal static class Content
{
    public const string Modified = "2026-03-01T12:00:00.000Z";

    public static string Id(int n) => $"indicator--{n:00000000}-0000-4000-8000-0000000e2e00";

    public static string Indicator(int n, string owner, string[] markings, string? granularMarking = null) => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{Id(n)}}","created":"{{Modified}}","modified":"{{Modified}}","created_by_ref":"{{owner}}","name":"indicator {{n}}","description":"seen at the ministry, case {{n}}","pattern":"[ipv4-addr:value = '10.2.{{n / 256 % 256}}.{{n % 256}}']","pattern_type":"stix","valid_from":"2026-03-01T00:00:00Z","object_marking_refs":[{{string.Join(',', markings.Select(m => $"\"{m}\""))}}]{{(granularMarking is null ? "" : $",\"granular_markings\":[{{\"marking_ref\":\"{granularMarking}\",\"selectors\":[\"description\"]}}]")}}}
        """;

    public static StixValue Handling(string owner, ClassificationLevel level = ClassificationLevel.Unclassified, string? community = null, string[]? countries = null, string[]? organizations = null) =>
        CyDefMarkings.Definition(
            new HandlingMarking("", level, countries is null && organizations is null ? null : new Releasability(new HashSet<string>(countries ?? []), new HashSet<string>(organizations ?? []), new HashSet<string>()), community),
            owner);
}
