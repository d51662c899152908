using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CyDef.Server;
using CyDef.Server.Detection;
using CyDef.Sharing.Markings;
using CyDef.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Detection.Tests.Node;

/// <summary>
/// A whole node on a test server for the detection tests: the node's users are cleared SECRET; keys: <c>admin</c>,
/// <c>sensor</c> (a SECRET-cleared sensor), <c>sensor-uncleared</c>, <c>reader</c> (uncleared) and
/// <c>reader-secret</c>. Sightings are flushed every 100 ms.
/// </summary>
internal sealed class DetectionNode : IAsyncDisposable
{
    public const string Organization = "identity--0000000a-0000-4000-8000-000000000000";
    public const string Taxii = "application/taxii+json;version=2.1";
    private WebApplication _app;

    private DetectionNode(WebApplication app, string folder, string[] settings)
    {
        _app = app;
        Folder = folder;
        Settings = settings;
    }

    public string Folder { get; }

    private string[] Settings { get; }

    private TimeProvider? Clock { get; init; }

    private Action<IServiceCollection>? Services { get; init; }

    public static string Secret { get; } = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), Organization)["id"]!.GetString();

    public static string SecretDefinition { get; } = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), Organization).ToString();

    public IndicatorFollower Follower => _app.Services.GetRequiredService<IndicatorFollower>();

    public IObjectStore Store => _app.Services.GetRequiredService<IObjectStore>();

    public SensorIdentities Identities => _app.Services.GetRequiredService<SensorIdentities>();

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static Task<DetectionNode> StartAsync(params string[] settings) => StartAsync((TimeProvider?)null, settings);

    /// <summary>Starts a node with services of the test's put before the node's own (which then give way).</summary>
    public static Task<DetectionNode> StartAsync(Action<IServiceCollection> services, params string[] settings) => StartAsync(null, services, settings);

    /// <summary>Starts a node whose detection runs on <paramref name="clock"/> (the system's when null).</summary>
    public static Task<DetectionNode> StartAsync(TimeProvider? clock, params string[] settings) => StartAsync(clock, null, settings);

    private static async Task<DetectionNode> StartAsync(TimeProvider? clock, Action<IServiceCollection>? services, string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cydef-detection-" + Guid.NewGuid().ToString("N"));
        string[] all =
        [
            $"--CyDef:DataFolder={folder}", "--CyDef:LoadDemo=false", "--CYDEF_BOOTSTRAP_API_KEY=", "--Logging:LogLevel:Default=Warning",
            $"--CyDef:Sharing:Organization={Organization}", "--CyDef:Sharing:Clearance=secret", "--CyDef:Detection:FlushInterval=00:00:00.100",
            "--CyDef:ApiKeys:0:Key=admin", "--CyDef:ApiKeys:0:Administrator=true",
            "--CyDef:ApiKeys:1:Key=sensor", "--CyDef:ApiKeys:1:Roles:0=sensor",
            "--CyDef:ApiKeys:2:Key=sensor-uncleared", "--CyDef:ApiKeys:2:Roles:0=sensor", "--CyDef:ApiKeys:2:Clearance=unclassified",
            "--CyDef:ApiKeys:3:Key=reader", "--CyDef:ApiKeys:3:Roles:0=reader", "--CyDef:ApiKeys:3:Clearance=unclassified",
            "--CyDef:ApiKeys:4:Key=reader-secret", "--CyDef:ApiKeys:4:Roles:0=reader",
            .. settings,
        ];
        return new DetectionNode(await BuildAsync(all, clock, services), folder, all) { Clock = clock, Services = services };
    }

    /// <summary>Stops the node and starts it again on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = await BuildAsync(Settings, Clock, Services);
    }

    public HttpClient Client(string key)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Posts objects over TAXII as the administrator; returns the sequence number the last one got.</summary>
    public async Task<long> PublishAsync(params string[] objects)
    {
        using var content = new StringContent("{\"objects\":[" + string.Join(',', objects) + "]}", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii);
        var client = Client("admin");
        client.DefaultRequestHeaders.Accept.ParseAdd(Taxii);
        using var response = await client.PostAsync("/cydef/collections/default/objects/", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var status = JsonDocument.Parse(body);
        Assert.Equal(objects.Length, status.RootElement.GetProperty("success_count").GetInt32());
        return await Store.GetLastSequenceAsync();
    }

    /// <summary>Posts sensor lines; returns the status code and the answer.</summary>
    public async Task<(int Status, JsonElement Body)> PostEventsAsync(string key, string sensor, string lines, string? query = null, string? contentType = null)
    {
        using var content = new StringContent(lines, Encoding.UTF8);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Client(key).PostAsync($"/api/v1/sensors/{sensor}/events{query}", content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The objects of a type over TAXII as a key sees them.</summary>
    public async Task<List<JsonElement>> TaxiiObjectsAsync(string key, string type)
    {
        var client = Client(key);
        client.DefaultRequestHeaders.Accept.ParseAdd(Taxii);
        var text = await client.GetStringAsync($"/cydef/collections/default/objects/?match[type]={type}");
        using var envelope = JsonDocument.Parse(text);
        return envelope.RootElement.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.Clone()).ToList() : [];
    }

    public static string Indicator(string id, string pattern, string modified = "2026-01-01T00:00:00.000Z", string? marking = null, string extra = "") => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2026-01-01T00:00:00.000Z","modified":"{{modified}}","created_by_ref":"{{Organization}}","name":"test {{id[^4..]}}","pattern":"{{pattern.Replace("\"", "\\\"", StringComparison.Ordinal)}}","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"{{(marking is null ? "" : $",\"object_marking_refs\":[\"{marking}\"]")}}{{extra}}}
        """;

    public static string Dns(string name, DateTimeOffset? at = null) =>
        "{\"timestamp\":\"" + (at ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff+0000", System.Globalization.CultureInfo.InvariantCulture)
        + "\",\"event_type\":\"dns\",\"src_ip\":\"10.0.0.5\",\"src_port\":5353,\"dest_ip\":\"10.0.0.1\",\"dest_port\":53,\"proto\":\"UDP\","
        + "\"dns\":{\"type\":\"query\",\"id\":1,\"rrname\":\"" + name + "\",\"rrtype\":\"A\",\"tx_id\":0}}";
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<WebApplication> BuildAsync(string[] settings, TimeProvider? clock, Action<IServiceCollection>? services)
    {
        var app = await CyDefNode.BuildAsync(settings, b =>
        {
            b.WebHost.UseTestServer();
            services?.Invoke(b.Services);
            if (clock is not null)
            {
                b.Services.AddSingleton(clock);
            }
        });
        await app.StartAsync();
        return app;
    }
}
