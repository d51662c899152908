using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CyDef.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation.Tests;

/// <summary>A whole node on Kestrel at 127.0.0.1 (a free port), in this process, with its own data folder.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const string AdminKey = "admin-key";
    private readonly WebApplication _app;

    private TestNode(WebApplication app, string folder, Uri address, CapturedLogs logs)
    {
        Logs = logs;
        _app = app;
        Folder = folder;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        Http.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Taxii.TaxiiMediaTypes.Taxii21));
    }

    public string Folder { get; }

    /// <summary>The node's warnings and errors since it started.</summary>
    public CapturedLogs Logs { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public Uri ApiRoot => new(Address, "/cydef/");

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Starts a node of <paramref name="organization"/> with more settings (<c>--CyDef:…=…</c>).</summary>
    public static async Task<TestNode> StartAsync(string organization, params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cydef-federation-" + Guid.NewGuid().ToString("N"));
        var app = await CyDefNode.BuildAsync(
        [
            "--urls=http://127.0.0.1:0", $"--CyDef:DataFolder={folder}", "--CyDef:LoadDemo=false", "--CYDEF_BOOTSTRAP_API_KEY=",
            $"--CyDef:Sharing:Organization={organization}", "--CyDef:Sharing:Communities:0=community--test",
            $"--CyDef:ApiKeys:0:Key={AdminKey}", "--CyDef:ApiKeys:0:Administrator=true", "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        var logs = new CapturedLogs();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestNode(app, folder, new Uri(address), logs);
    }

    /// <summary>The settings of a key that a peer of <paramref name="organization"/> presents to this node.</summary>
    public static string[] PeerKey(int index, string key, string organization, params string[] more) =>
    [
        $"--CyDef:ApiKeys:{index}:Key={key}", $"--CyDef:ApiKeys:{index}:Peer=true", $"--CyDef:ApiKeys:{index}:Organization={organization}",
        $"--CyDef:ApiKeys:{index}:Read:0=*", $"--CyDef:ApiKeys:{index}:Write:0=*", $"--CyDef:ApiKeys:{index}:Communities:0=community--test",
        .. more.Select(m => $"--CyDef:ApiKeys:{index}:{m}"),
    ];

    /// <summary>The settings of a peer of this node.</summary>
    public static string[] Peer(int index, string name, TestNode peer, string key, string organization, params string[] more) =>
    [
        $"--CyDef:Peers:{index}:Name={name}", $"--CyDef:Peers:{index}:Url={peer.ApiRoot}", $"--CyDef:Peers:{index}:ApiKey={key}",
        $"--CyDef:Peers:{index}:Organization={organization}", .. more.Select(m => $"--CyDef:Peers:{index}:{m}"),
    ];

    public async Task PublishAsync(params string[] objects)
    {
        using var content = new StringContent(Objects.Envelope(objects), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii.TaxiiMediaTypes.Taxii21);
        using var response = await Http.PostAsync("/cydef/collections/default/objects/", content);
        response.EnsureSuccessStatusCode();
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(objects.Length, status.RootElement.GetProperty("success_count").GetInt32());
    }

    /// <summary>The stored object (as an administrator sees it), or null.</summary>
    public async Task<JsonElement?> GetAsync(string id)
    {
        using var response = await Http.GetAsync($"/cydef/collections/default/objects/{id}/?match[version]=all");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(envelope.TryGetProperty("objects", out var objects), $"{id}: the object exists, yet the envelope holds no version");
        Assert.Equal(1, objects.GetArrayLength());
        return objects[0].Clone();
    }

    /// <summary>Each object's newest version's <c>date_added</c> (the manifest, as an administrator sees it).</summary>
    public async Task<Dictionary<string, DateTimeOffset>> ManifestAsync()
    {
        using var response = await Http.GetAsync("/cydef/collections/default/manifest/?limit=1000");
        response.EnsureSuccessStatusCode();
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return manifest.RootElement.TryGetProperty("objects", out var records)
            ? records.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("date_added").GetDateTimeOffset(), StringComparer.Ordinal)
            : [];
    }

    public async Task<JsonElement> WaitForAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await GetAsync(id) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{id} did not arrive at {Address}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
