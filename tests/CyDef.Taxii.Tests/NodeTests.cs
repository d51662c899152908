using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CyDef.Server;
using CyDef.Server.Security;
using CyDef.Storage;
using CyDef.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Taxii.Tests;

/// <summary>The whole node (CyDef.Server) on a test server: health, OpenAPI, REST problem details, demo content, keys.</summary>
public sealed class NodeTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-node-" + Guid.NewGuid().ToString("N"));
    private readonly List<WebApplication> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Health_Anonymous_Healthy()
    {
        var client = await StartAsync();

        var response = await client.GetAsync("/health");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTaxiiAndNodeRoutes()
    {
        var client = await StartAsync();

        using var document = JsonDocument.Parse(await client.GetStringAsync(CyDefNode.OpenApiPath));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/taxii2", paths);
        Assert.Contains(paths, p => p.EndsWith("/collections/{collectionId}/objects", StringComparison.Ordinal));
        Assert.Contains("/api/v1/search", paths);
    }

    [Fact]
    public async Task Reference_Anonymous_HtmlPage()
    {
        var client = await StartAsync();

        var response = await client.GetAsync(CyDefNode.ReferencePath + "/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NodeApi_NoKey_401ProblemDetails()
    {
        var client = await StartAsync();
        client.DefaultRequestHeaders.Authorization = null;

        var response = await client.GetAsync("/api/v1/node");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NodeApi_Reader_NodeWithoutTheStoresCount()
    {
        var client = await StartAsync("--CyDef:ApiKeys:1:Key=reader", "--CyDef:ApiKeys:1:Read:0=*");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "reader");

        var response = await client.GetAsync("/api/v1/node");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain("lastSequence\":1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NoWords_400ProblemDetails()
    {
        var client = await StartAsync();

        var response = await client.GetAsync("/api/v1/search");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("application/json", "application/problem+json")]
    [InlineData(TaxiiMediaTypes.Taxii21, "application/taxii+json")]
    public async Task UnknownPath_404InTheClientsFormat(string accept, string mediaType)
    {
        var client = await StartAsync();
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);

        var response = await client.GetAsync("/trustgroup2/collections/");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FreshNode_WithDemo_ServesTheDemoOverTaxii()
    {
        var client = await StartAsync("--CyDef:LoadDemo=true", $"--CyDef:DemoFolder={RepositoryFiles.Path("demo", "examples")}");
        client.DefaultRequestHeaders.Accept.ParseAdd(TaxiiMediaTypes.Taxii21);

        var body = await Stix.JsonAsync(await client.GetAsync("/cydef/collections/default/objects/?match[type]=intrusion-set"));

        Assert.Contains("intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a", Stix.Ids(body));
    }

    [Fact]
    public async Task Restart_StoreNotEmpty_DemoNotLoadedAgain()
    {
        var demo = $"--CyDef:DemoFolder={RepositoryFiles.Path("demo", "examples")}";
        var first = await StartAsync("--CyDef:LoadDemo=true", demo);
        var count = await _apps[0].Services.GetRequiredService<IObjectStore>().GetLastSequenceAsync();
        await _apps[0].DisposeAsync();
        _apps.Clear();

        await StartAsync("--CyDef:LoadDemo=true", demo);

        Assert.True(count > 0);
        Assert.Equal(count, await _apps[0].Services.GetRequiredService<IObjectStore>().GetLastSequenceAsync());
    }

    [Fact]
    public async Task FreshNode_NoKeyConfigured_GeneratesAnAdministratorKeyFile()
    {
        var client = await StartAsync(keys: false);
        var key = (await File.ReadAllTextAsync(Path.Combine(_folder, BootstrapKey.FileName))).Trim();
        client.DefaultRequestHeaders.Accept.ParseAdd(TaxiiMediaTypes.Taxii21);

        var without = await client.GetAsync("/taxii2/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var with = await client.GetAsync("/api/v1/node");

        Assert.Equal(401, (int)without.StatusCode);
        Assert.Equal(200, (int)with.StatusCode);
        Assert.Equal(48, key.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, BootstrapKey.FileName)));
        }
    }

    [Fact]
    public async Task BootstrapKey_BasicWithAnyUserName_Administrator()
    {
        var client = await StartAsync(keys: false, $"--{BootstrapKey.Variable}=boot-key");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:boot-key")));

        var response = await client.GetAsync("/api/v1/node");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(File.Exists(Path.Combine(_folder, BootstrapKey.FileName)));
    }

    [Theory]
    [InlineData("unclassified", false)]
    [InlineData("secret", true)]
    public async Task Objects_ClassifiedObject_OnlyForANodeClearedForIt(string clearance, bool visible)
    {
        var secret = CyDef.Sharing.Markings.CyDefMarkings.Definition(new CyDef.Sharing.Markings.HandlingMarking("", CyDef.Sharing.Markings.ClassificationLevel.Secret), "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01");
        var secretId = secret["id"]!.GetString();
        const string Id = "indicator--0d2f1c3a-1111-4222-8333-944455556666";
        var indicator = $$"""{"type":"indicator","spec_version":"2.1","id":"{{Id}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"hidden","pattern":"[ipv4-addr:value = '198.51.100.9']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","object_marking_refs":["{{secretId}}"]}""";
        var open = """{"type":"indicator","spec_version":"2.1","id":"indicator--0d2f1c3a-1111-4222-8333-944455557777","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"open","pattern":"[ipv4-addr:value = '198.51.100.10']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}""";
        var client = await StartAsync($"--CyDef:Sharing:Clearance={clearance}");
        var post = new StringContent($$"""{"objects":[{{secret}},{{indicator}},{{open}}]}""", Encoding.UTF8);
        post.Headers.ContentType = MediaTypeHeaderValue.Parse("application/taxii+json;version=2.1");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/taxii+json;version=2.1");
        Assert.Equal(202, (int)(await client.PostAsync("/cydef/collections/default/objects/", post)).StatusCode);
        await Task.Delay(50);
        for (var i = 0; i < 100 && !(await client.GetStringAsync("/cydef/collections/default/objects/")).Contains("\"open\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        var objects = await client.GetStringAsync("/cydef/collections/default/objects/");
        var manifest = await client.GetStringAsync("/cydef/collections/default/manifest/");
        var single = await client.GetAsync($"/cydef/collections/default/objects/{Id}/");
        var versions = await client.GetAsync($"/cydef/collections/default/objects/{Id}/versions/");

        Assert.Contains("\"open\"", objects, StringComparison.Ordinal);
        Assert.Equal(visible, objects.Contains(Id, StringComparison.Ordinal));
        Assert.Equal(visible, manifest.Contains(Id, StringComparison.Ordinal));
        Assert.Equal(visible ? 200 : 404, (int)single.StatusCode);
        Assert.Equal(visible ? 200 : 404, (int)versions.StatusCode);
        Assert.Equal(visible, (await client.GetStringAsync("/api/v1/search?q=hidden")).Contains(Id, StringComparison.Ordinal));
        Assert.Equal(visible, (await client.GetStringAsync("/api/v1/observables/198.51.100.9")).Contains(Id, StringComparison.Ordinal));
        Assert.Contains("open", await client.GetStringAsync("/api/v1/search?q=open"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_KeysWithTheirOwnClearance_EachSeesWhatItIsClearedFor()
    {
        var secret = CyDef.Sharing.Markings.CyDefMarkings.Definition(new CyDef.Sharing.Markings.HandlingMarking("", CyDef.Sharing.Markings.ClassificationLevel.Secret), "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01");
        const string Id = "indicator--0d2f1c3a-1111-4222-8333-944455558888";
        var indicator = $$"""{"type":"indicator","spec_version":"2.1","id":"{{Id}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"hidden","pattern":"[ipv4-addr:value = '198.51.100.9']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","object_marking_refs":["{{secret["id"]!.GetString()}}"]}""";
        var admin = await StartAsync(
            "--CyDef:ApiKeys:1:Key=cleared", "--CyDef:ApiKeys:1:Read:0=*", "--CyDef:ApiKeys:1:Clearance=secret",
            "--CyDef:ApiKeys:2:Key=peer", "--CyDef:ApiKeys:2:Read:0=*", "--CyDef:ApiKeys:2:Peer=true", "--CyDef:ApiKeys:2:Clearance=top-secret",
            "--CyDef:ApiKeys:2:Organization=identity--00000000-0000-4000-8000-000000000abc");
        var post = new StringContent($$"""{"objects":[{{secret}},{{indicator}}]}""", Encoding.UTF8);
        post.Headers.ContentType = MediaTypeHeaderValue.Parse("application/taxii+json;version=2.1");
        Assert.Equal(202, (int)(await admin.PostAsync("/cydef/collections/default/objects/", post)).StatusCode);

        var cleared = _apps[^1].GetTestClient();
        cleared.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cleared");
        var peer = _apps[^1].GetTestClient();
        peer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "peer");

        Assert.Equal(200, (int)(await cleared.GetAsync($"/cydef/collections/default/objects/{Id}/")).StatusCode);
        Assert.Equal(404, (int)(await admin.GetAsync($"/cydef/collections/default/objects/{Id}/")).StatusCode);

        // A peer accredited above the level, with no TLP or releasability on the object: the classification alone decides.
        Assert.Equal(200, (int)(await peer.GetAsync($"/cydef/collections/default/objects/{Id}/")).StatusCode);
    }

    [Fact]
    public async Task Start_KeyWithUnknownClearance_FailsWithTheKeysName()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("--CyDef:ApiKeys:1:Key=x", "--CyDef:ApiKeys:1:Name=analyst", "--CyDef:ApiKeys:1:Clearance=cosmic"));

        Assert.Contains("analyst", error.Message, StringComparison.Ordinal);
        Assert.Contains("cosmic", error.Message, StringComparison.Ordinal);
    }

    private Task<HttpClient> StartAsync(params string[] args) => StartAsync(keys: true, args);

    private async Task<HttpClient> StartAsync(bool keys, params string[] args)
    {
        string[] all = [$"--CyDef:DataFolder={_folder}", "--CyDef:LoadDemo=false", $"--{BootstrapKey.Variable}=", .. args];
        if (keys)
        {
            all = [.. all, "--CyDef:ApiKeys:0:Key=admin", "--CyDef:ApiKeys:0:Administrator=true"];
        }

        var app = await CyDefNode.BuildAsync(all, b => b.WebHost.UseTestServer());
        _apps.Add(app);
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "admin");
        return client;
    }
}
