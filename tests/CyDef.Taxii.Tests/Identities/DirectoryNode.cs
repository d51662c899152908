using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CyDef.Server;
using CyDef.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace CyDef.Taxii.Tests.Identities;

/// <summary>A whole node on a test server with a configured administrator's key <c>admin</c>, and helpers to call it.</summary>
public sealed class DirectoryNode : IAsyncDisposable
{
    public const string NodeOrganization = "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01";

    private readonly List<WebApplication> _apps = [];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cydef-directory-node-" + Guid.NewGuid().ToString("N"));

    public WebApplication App => _apps[^1];

    public HttpClient Admin { get; private set; } = null!;

    public async Task<DirectoryNode> StartAsync(params string[] args)
    {
        string[] all = [$"--CyDef:DataFolder={Folder}", "--CyDef:LoadDemo=false", $"--{BootstrapKey.Variable}=", "--CyDef:ApiKeys:0:Key=admin", "--CyDef:ApiKeys:0:Administrator=true", .. args];
        var app = await CyDefNode.BuildAsync(all, b => b.WebHost.UseTestServer());
        _apps.Add(app);
        await app.StartAsync();
        Admin = Client("admin");
        return this;
    }

    public async Task RestartAsync(params string[] args)
    {
        await App.DisposeAsync();
        _apps.Clear();
        await StartAsync(args);
    }

    public HttpClient Client(string? key)
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType is { } type && !type.Contains("json", StringComparison.Ordinal) && text.Length > 0)
        {
            Assert.Fail($"{method} {path}: {(int)response.StatusCode} {type}: {text}");
        }

        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(int Status, JsonElement Body)> PostAsync(string path, object body) => SendAsync(Admin, HttpMethod.Post, path, body);

    /// <summary>Adds an organisation, a user of it with an API key; returns the key's secret.</summary>
    public async Task<string> UserWithKeyAsync(string userName, string organization, string clearance, params string[] roles)
    {
        var (status, _) = await PostAsync("/api/v1/users", new { userName, organization, roles, clearance });
        Assert.Equal(201, status);
        var (created, key) = await PostAsync("/api/v1/api-keys", new { name = userName + "'s key", user = userName });
        Assert.Equal(201, created);
        return key.GetProperty("secret").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
