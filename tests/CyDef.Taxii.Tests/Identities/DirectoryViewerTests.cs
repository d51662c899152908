using System.Text.Json;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;

namespace CyDef.Taxii.Tests.Identities;

/// <summary>
/// Users of the directory read through the sharing policy as their own viewer: two users of one node, of different
/// organisations and clearances, see exactly what the policy gives each over TAXII and REST; counts tell nothing more.
/// </summary>
public sealed class DirectoryViewerTests : IAsyncLifetime
{
    private const string OrgB = "identity--0b0b0b0b-0000-4000-8000-00000000000b";
    private const string Csirts = "community--csirts";
    private const string Secret = "indicator--5ec2e700-0000-4000-8000-000000000001";
    private const string ForCsirts = "indicator--5ec2e700-0000-4000-8000-000000000002";
    private const string Open = "indicator--5ec2e700-0000-4000-8000-000000000003";
    private const string OpenMalware = "malware--5ec2e700-0000-4000-8000-000000000004";
    private const string Objects = "/cydef/collections/default/objects/";
    private readonly DirectoryNode _node = new();

    public async Task InitializeAsync()
    {
        await _node.StartAsync();
        await _node.PostAsync("/api/v1/organizations", new { id = OrgB, name = "CERT.at", country = "AT" });
        await _node.PostAsync("/api/v1/communities", new { id = Csirts, name = "CSIRTs Network", members = new[] { OrgB } });
        var secret = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), DirectoryNode.NodeOrganization);
        var csirtsOnly = CyDefMarkings.Definition(
            new HandlingMarking("", ClassificationLevel.Unclassified, new Releasability(new HashSet<string>(), new HashSet<string>(), new HashSet<string> { Csirts })),
            DirectoryNode.NodeOrganization);
        var objects = new[]
        {
            StixJsonWriter.ToJsonString(secret), StixJsonWriter.ToJsonString(csirtsOnly),
            Indicator(Secret, "secret plan", secret["id"]!.GetString()), Indicator(ForCsirts, "csirt plan", csirtsOnly["id"]!.GetString()), Indicator(Open, "open plan", null),
            $$"""{"type":"malware","spec_version":"2.1","id":"{{OpenMalware}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"open plan malware","is_family":true}""",
        };
        _node.Admin.DefaultRequestHeaders.Accept.ParseAdd(TaxiiMediaTypes.Taxii21);
        var status = await Stix.PostAsync(_node.Admin, "/cydef/collections/default/", objects);
        for (var i = 0; i < 100 && status.GetProperty("status").GetString() != "complete"; i++)
        {
            await Task.Delay(50);
            status = await Stix.JsonAsync(await _node.Admin.GetAsync($"/cydef/status/{status.GetProperty("id").GetString()}/"));
        }
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static string Indicator(string id, string name, string? marking) => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"{{name}}","pattern":"[ipv4-addr:value = '198.51.100.{{id[^1]}}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"{{(marking is null ? "" : $",\"object_marking_refs\":[\"{marking}\"]")}}}
        """;

    private HttpClient Taxii(string key)
    {
        var client = _node.Client(key);
        client.DefaultRequestHeaders.Accept.ParseAdd(TaxiiMediaTypes.Taxii21);
        return client;
    }

    private static async Task<HashSet<string>> IdsAsync(HttpClient client, string path)
    {
        var body = await Stix.JsonAsync(await client.GetAsync(path));
        return body.ValueKind == JsonValueKind.Undefined || !body.TryGetProperty("objects", out var objects)
            ? []
            : objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).Where(id => !id.StartsWith("marking-definition--", StringComparison.Ordinal) && !id.StartsWith("identity--", StringComparison.Ordinal)).ToHashSet();
    }

    private static async Task<HashSet<string>> SearchAsync(HttpClient client, string words)
    {
        var (_, body) = await DirectoryNode.SendAsync(client, HttpMethod.Get, $"/api/v1/search?q={Uri.EscapeDataString(words)}");
        return body.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToHashSet();
    }

    [Fact]
    public async Task TwoUsers_DifferentOrganizationsAndClearances_EachSeesExactlyWhatThePolicyAllows()
    {
        var alice = await _node.UserWithKeyAsync("alice", DirectoryNode.NodeOrganization, "secret", "reader");
        var bob = await _node.UserWithKeyAsync("bob", OrgB, "unclassified", "reader");

        HashSet<string> aliceSees = [Secret, Open, OpenMalware];
        HashSet<string> bobSees = [ForCsirts, Open, OpenMalware];
        Assert.Equal(aliceSees, await IdsAsync(Taxii(alice), Objects));
        Assert.Equal(bobSees, await IdsAsync(Taxii(bob), Objects));
        Assert.Equal(aliceSees, await SearchAsync(_node.Client(alice), "plan"));
        Assert.Equal(bobSees, await SearchAsync(_node.Client(bob), "plan"));
        Assert.Equal(200, (int)(await Taxii(alice).GetAsync($"{Objects}{Secret}/")).StatusCode);
        Assert.Equal(404, (int)(await Taxii(bob).GetAsync($"{Objects}{Secret}/")).StatusCode);
        Assert.Equal(404, (int)(await Taxii(alice).GetAsync($"{Objects}{ForCsirts}/versions/")).StatusCode);
        Assert.Equal(200, (int)(await Taxii(bob).GetAsync($"{Objects}{ForCsirts}/versions/")).StatusCode);
        Assert.DoesNotContain(ForCsirts, await (await Taxii(alice).GetAsync("/cydef/collections/default/manifest/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserJoinsACommunityThroughTheOrganization_SeesItsContentAtOnce()
    {
        var alice = await _node.UserWithKeyAsync("alice", DirectoryNode.NodeOrganization, "unclassified", "reader");
        Assert.DoesNotContain(ForCsirts, await IdsAsync(Taxii(alice), Objects));

        await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Put, $"/api/v1/communities/{Csirts}/members/{DirectoryNode.NodeOrganization}");

        Assert.Contains(ForCsirts, await IdsAsync(Taxii(alice), Objects));
    }

    [Fact]
    public async Task Node_CountOnlyForAdministrators()
    {
        var bob = await _node.UserWithKeyAsync("bob", OrgB, "unclassified", "reader");

        var (status, forBob) = await DirectoryNode.SendAsync(_node.Client(bob), HttpMethod.Get, "/api/v1/node");
        var (_, forAdmin) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/node");

        Assert.Equal(200, status);
        Assert.True(!forBob.TryGetProperty("lastSequence", out var hidden) || hidden.ValueKind == JsonValueKind.Null);
        Assert.True(forAdmin.GetProperty("lastSequence").GetInt64() >= 6);
        Assert.Equal(forAdmin.GetProperty("discovery").GetString(), forBob.GetProperty("discovery").GetString());
    }

    [Fact]
    public async Task Sensor_ReadsIndicatorsOnly_OverTaxiiAndRest()
    {
        var sensor = await _node.UserWithKeyAsync("ids-1", DirectoryNode.NodeOrganization, "unclassified", "sensor");

        Assert.Equal([Open], await IdsAsync(Taxii(sensor), Objects));
        Assert.Empty(await IdsAsync(Taxii(sensor), Objects + "?match[type]=malware"));
        Assert.Equal(404, (int)(await Taxii(sensor).GetAsync($"{Objects}{OpenMalware}/")).StatusCode);
        Assert.Equal([Open], await SearchAsync(_node.Client(sensor), "plan"));
        Assert.Equal(403, (int)(await Taxii(sensor).PostAsync(Objects, Stix.Taxii(Stix.Envelope(Stix.Malware())))).StatusCode);
    }

    [Fact]
    public async Task Search_KeyThatCannotReadTheDefaultCollection_403()
    {
        await _node.RestartAsync("--CyDef:ApiKeys:1:Key=elsewhere", "--CyDef:ApiKeys:1:Read:0=another");

        var (status, problem) = await DirectoryNode.SendAsync(_node.Client("elsewhere"), HttpMethod.Get, "/api/v1/search?q=plan");

        Assert.Equal(403, status);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
    }
}
