using System.Text;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Storage.Tests;

/// <summary>Valid STIX 2.1 objects for the tests, as JSON text.</summary>
internal static class Stix
{
    public const string Created = "2024-01-01T00:00:00.000Z";

    public static string IndicatorId(int n) => $"indicator--{n:x8}-0000-4000-8000-000000000000";

    public static string Indicator(string id, string modified, string pattern, string name = "bad things", string? description = null, bool revoked = false) =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"{{Created}}","modified":"{{modified}}","name":"{{name}}",{{(description is null ? "" : $"\"description\":\"{description}\",")}}"pattern":"{{pattern}}","pattern_type":"stix","valid_from":"{{Created}}"{{(revoked ? ",\"revoked\":true" : "")}}}""";

    public static string Observable(string type, string value) => Sco($$"""{"type":"{{type}}","spec_version":"2.1","value":"{{value}}"}""");

    public static string File(string name, string sha256) => Sco($$$"""{"type":"file","spec_version":"2.1","name":"{{{name}}}","hashes":{"SHA-256":"{{{sha256}}}"}}""");

    public static string ObservedData(string id, params string[] refs) =>
        $$"""{"type":"observed-data","spec_version":"2.1","id":"{{id}}","created":"{{Created}}","modified":"{{Created}}","first_observed":"{{Created}}","last_observed":"{{Created}}","number_observed":1,"object_refs":[{{string.Join(",", refs.Select(r => $"\"{r}\""))}}]}""";

    /// <summary>The id the SCO's JSON text gets (§2.9: a UUIDv5 of its ID Contributing Properties).</summary>
    public static string IdOf(string json) => StixJsonReader.Parse(json).GetValueOrThrow()["id"]!.GetString();

    public static string Ndjson(params string[] objects) => string.Join('\n', objects) + "\n";

    public static string Bundle(params string[] objects) =>
        $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid():D}}","objects":[{{string.Join(",", objects)}}]}""";

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    public static StixValue Value(string json) => StixJsonReader.Parse(json).GetValueOrThrow();

    public static string Timestamp(int second) => $"2024-02-01T00:00:{second:00}.000Z";

    private static string Sco(string withoutId)
    {
        var value = Value(withoutId);
        var id = DeterministicId.ForObservable(value)!;
        return withoutId.Insert(withoutId.IndexOf(",\"spec_version\"", StringComparison.Ordinal), $",\"id\":\"{id}\"");
    }
}
