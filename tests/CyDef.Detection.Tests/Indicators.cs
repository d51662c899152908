using System.Globalization;
using CyDef.Stix.Json;

namespace CyDef.Detection.Tests;

/// <summary>Indicator objects for tests.</summary>
internal static class Indicators
{
    private static int s_next;

    public static StixValue Make(string pattern, string? id = null, string validFrom = "2024-01-01T00:00:00Z", string? validUntil = null,
        bool revoked = false, string[]? markings = null, string modified = "2024-01-01T00:00:00.000Z")
    {
        id ??= "indicator--" + new Guid(Interlocked.Increment(ref s_next), 0, 0, new byte[8]).ToString();
        var until = validUntil is null ? "" : $",\"valid_until\":\"{validUntil}\"";
        var marks = markings is null ? "" : ",\"object_marking_refs\":[" + string.Join(",", markings.Select(m => $"\"{m}\"")) + "]";
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2024-01-01T00:00:00.000Z","modified":"{{modified}}","pattern":{{System.Text.Json.JsonSerializer.Serialize(pattern)}},"pattern_type":"stix","valid_from":"{{validFrom}}"{{until}}{{marks}}{{(revoked ? ",\"revoked\":true" : "")}}}""");
        return StixJsonReader.Parse(json).GetValueOrThrow();
    }

    public static string IdOf(StixValue indicator) => indicator["id"]!.GetString();
}
