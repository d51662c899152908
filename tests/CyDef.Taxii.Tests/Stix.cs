using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CyDef.Stix.Json;

namespace CyDef.Taxii.Tests;

/// <summary>Valid STIX 2.1 objects and TAXII envelopes for the tests.</summary>
internal static class Stix
{
    public static string IndicatorId(int n) => $"indicator--{n:00000000}-0000-4000-8000-000000000000";

    public static string Indicator(int n, string modified = "2024-01-01T00:00:00.000Z") => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{IndicatorId(n)}}","created":"2024-01-01T00:00:00.000Z","modified":"{{modified}}","name":"indicator {{n}}","pattern":"[ipv4-addr:value = '10.0.{{n / 256 % 256}}.{{n % 256}}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}
        """;

    public static string Malware(string id = "malware--00000000-0000-4000-8000-0000000000aa") => $$"""
        {"type":"malware","spec_version":"2.1","id":"{{id}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Poison Ivy","is_family":true}
        """;

    public static string Envelope(params string[] objects) => "{\"objects\":[" + string.Join(',', objects) + "]}";

    public static StixValue Parse(string json) => StixJsonReader.Parse(json).GetValueOrThrow();

    public static StringContent Taxii(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaTypes.Taxii21);
        return content;
    }

    /// <summary>The response's Content-Type without the space HttpClient puts before parameters.</summary>
    public static string? ContentType(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.ToString().Replace("; ", ";", StringComparison.Ordinal);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a TAXII error resource with the response's status as its http_status.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(TaxiiMediaTypes.Taxii21, ContentType(response));
        var body = await JsonAsync(response);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.Equal(status.ToString(CultureInfo.InvariantCulture), body.GetProperty("http_status").GetString());
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, params string[] objects)
    {
        var response = await client.PostAsync(path + "objects/", Taxii(Envelope(objects)));
        Assert.Equal(202, (int)response.StatusCode);
        return await JsonAsync(response);
    }

    public static IReadOnlyList<string> Ids(JsonElement envelope) =>
        envelope.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList() : [];
}
