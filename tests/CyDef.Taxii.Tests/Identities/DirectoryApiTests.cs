using System.Text.Json;
using CyDef.Server;
using CyDef.Server.Identities;
using CyDef.Server.Security;
using CyDef.Storage;
using CyDef.Storage.Identities;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Taxii.Tests.Identities;

/// <summary>The directory's REST API on a whole node: records, problem details, keys, sign-in, the node's identity.</summary>
public sealed class DirectoryApiTests : IAsyncLifetime
{
    private const string OrgB = "identity--0b0b0b0b-0000-4000-8000-00000000000b";
    private readonly DirectoryNode _node = new();

    public async Task InitializeAsync() => await _node.StartAsync("--CyDef:Sharing:OrganizationName=Belgian milCERT", "--CyDef:Sharing:Communities:0=community--military-certs");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task Organizations_AddGetList_AndTheNodesOwnIsThere()
    {
        var (status, created) = await _node.PostAsync("/api/v1/organizations", new { id = OrgB, name = "CERT.at", country = "at", sector = "government-national" });
        var (_, read) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, $"/api/v1/organizations/{OrgB}");
        var (_, list) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/organizations");

        Assert.Equal(201, status);
        Assert.Equal("AT", created.GetProperty("country").GetString());
        Assert.Equal("CERT.at", read.GetProperty("name").GetString());
        Assert.Equal(["Belgian milCERT", "CERT.at"], list.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Organizations_BadValues_400NamingEachField_NothingStored()
    {
        var (status, problem) = await _node.PostAsync("/api/v1/organizations", new { id = "identity--nope", name = "", country = "XX" });

        Assert.Equal(400, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("identity--", Error(problem, "id"), StringComparison.Ordinal);
        Assert.Contains("ISO 3166-1", Error(problem, "country"), StringComparison.Ordinal);
        Assert.Contains("name", Error(problem, "name"), StringComparison.Ordinal);
        Assert.Single((await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/organizations")).Body.EnumerateArray());
    }

    [Fact]
    public async Task Organizations_DuplicateName_409WithTheField_Unknown_404()
    {
        var (status, problem) = await _node.PostAsync("/api/v1/organizations", new { name = "BELGIAN MILCERT" });
        var (missing, notFound) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, $"/api/v1/organizations/{OrgB}");

        Assert.Equal(409, status);
        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.Equal(404, missing);
        Assert.Equal(404, notFound.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Users_UnknownRoleBadClearanceUnknownOrganization_400PerField()
    {
        var (status, problem) = await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "reader", "god" }, clearance = "cosmic", nationality = "ZZ" });
        var (unknownOrg, orgProblem) = await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "reader" }, organization = OrgB });
        var (badName, nameProblem) = await _node.PostAsync("/api/v1/users", new { userName = "Alice Smith", roles = new[] { "reader" } });
        var (shortPassword, passwordProblem) = await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "reader" }, password = "short" });

        Assert.Equal((400, 400, 400, 400), (status, unknownOrg, badName, shortPassword));
        Assert.Contains("'god' is not a role", Error(problem, "roles[1]"), StringComparison.Ordinal);
        Assert.Contains("cosmic", Error(problem, "clearance"), StringComparison.Ordinal);
        Assert.Contains("ZZ", Error(problem, "nationality"), StringComparison.Ordinal);
        Assert.Contains(OrgB, Error(orgProblem, "organization"), StringComparison.Ordinal);
        Assert.Contains("user name", Error(nameProblem, "userName"), StringComparison.Ordinal);
        Assert.Contains("12", Error(passwordProblem, "password"), StringComparison.Ordinal);
        Assert.Empty((await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/users")).Body.EnumerateArray());
    }

    [Fact]
    public async Task Users_AddThenSameName_409_GetShowsNoHash()
    {
        var (status, created) = await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "analyst" }, clearance = "SECRET UE/EU SECRET", password = "a long enough password" });
        var (again, problem) = await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "reader" } });
        var (_, read) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/users/alice");

        Assert.Equal((201, 409), (status, again));
        Assert.Equal("userName", problem.GetProperty("field").GetString());
        Assert.Equal(DirectoryNode.NodeOrganization, created.GetProperty("organization").GetString());
        Assert.Equal("secret", read.GetProperty("clearance").GetString());
        Assert.True(read.GetProperty("hasPassword").GetBoolean());
        Assert.DoesNotContain("pbkdf2", read.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(404, (await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/users/bob")).Status);
    }

    [Fact]
    public async Task Communities_AddWithMembers_AddMemberTwice409_Remove204_UnknownMember400()
    {
        await _node.PostAsync("/api/v1/organizations", new { id = OrgB, name = "CERT.at" });

        var (status, community) = await _node.PostAsync("/api/v1/communities", new { name = "CSIRTs Network", members = new[] { OrgB } });
        var (added, _) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Put, $"/api/v1/communities/community--csirts-network/members/{DirectoryNode.NodeOrganization}");
        var (twice, _) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Put, $"/api/v1/communities/community--csirts-network/members/{DirectoryNode.NodeOrganization}");
        var (removed, _) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Delete, $"/api/v1/communities/community--csirts-network/members/{OrgB}");
        var (unknown, problem) = await _node.PostAsync("/api/v1/communities", new { name = "SOC platform", members = new[] { "identity--0c0c0c0c-0000-4000-8000-00000000000c" } });
        var (_, read) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/communities/community--csirts-network");

        Assert.Equal((201, 200, 409, 204, 400), (status, added, twice, removed, unknown));
        Assert.Equal("community--csirts-network", community.GetProperty("id").GetString());
        Assert.Contains("no organisation", Error(problem, "members[0]"), StringComparison.Ordinal);
        Assert.Equal([DirectoryNode.NodeOrganization], read.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(404, (await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/communities/community--none")).Status);
    }

    [Fact]
    public async Task Communities_NodeJoinsOne_TheNodesViewerHasItAtOnce()
    {
        await _node.PostAsync("/api/v1/communities", new { id = "community--soc", name = "SOC platform" });
        var before = (await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/me")).Body;

        await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Put, $"/api/v1/communities/community--soc/members/{DirectoryNode.NodeOrganization}");

        var after = (await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/me")).Body;
        Assert.Equal(["community--military-certs"], before.GetProperty("viewer").GetProperty("communities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["community--military-certs", "community--soc"], after.GetProperty("viewer").GetProperty("communities").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task ApiKeys_Create_SecretOnce_ListWithoutIt_KeyIsTheUser_RevokedIs401()
    {
        var secret = await _node.UserWithKeyAsync("alice", DirectoryNode.NodeOrganization, "confidential", "reader");
        var alice = _node.Client(secret);

        var (meStatus, me) = await DirectoryNode.SendAsync(alice, HttpMethod.Get, "/api/v1/me");
        var (_, list) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/api-keys");
        var id = list[0].GetProperty("id").GetString();
        var (revoked, view) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Delete, $"/api/v1/api-keys/{id}");
        var (again, _) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Delete, $"/api/v1/api-keys/{id}");
        var (after, _) = await DirectoryNode.SendAsync(alice, HttpMethod.Get, "/api/v1/me");

        Assert.Equal(200, meStatus);
        Assert.Equal("alice", me.GetProperty("name").GetString());
        Assert.Equal(id, me.GetProperty("apiKey").GetString());
        Assert.Equal("confidential", me.GetProperty("viewer").GetProperty("clearance").GetString());
        Assert.Equal(["*"], me.GetProperty("read").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(secret[..ApiKeySecret.PrefixLength], list[0].GetProperty("prefix").GetString());
        Assert.Equal((200, 409, 401), (revoked, again, after));
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("revoked").ValueKind);
    }

    [Fact]
    public async Task ApiKeys_Expired_401_DisabledUser_401()
    {
        var secret = await _node.UserWithKeyAsync("alice", DirectoryNode.NodeOrganization, "unclassified", "reader");
        var bobKey = await _node.UserWithKeyAsync("bob", DirectoryNode.NodeOrganization, "unclassified", "reader");
        var directory = _node.App.Services.GetRequiredService<IDirectory>();
        var expired = ApiKeySecret.Create();
        await directory.AddApiKeyAsync(new DirectoryApiKey("expired", ApiKeySecret.Prefix(expired), ApiKeySecret.Hash(expired), "old", "alice", null, null, [], [],
            DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1), null, null));

        var (disabled, _) = await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Patch, "/api/v1/users/bob", new { disabled = true });

        Assert.Equal(200, (await DirectoryNode.SendAsync(_node.Client(secret), HttpMethod.Get, "/api/v1/me")).Status);
        Assert.Equal(401, (await DirectoryNode.SendAsync(_node.Client(expired), HttpMethod.Get, "/api/v1/me")).Status);
        Assert.Equal(200, disabled);
        Assert.Equal(401, (await DirectoryNode.SendAsync(_node.Client(bobKey), HttpMethod.Get, "/api/v1/me")).Status);
        Assert.Equal(401, (await DirectoryNode.SendAsync(_node.Client("cydef_unknown"), HttpMethod.Get, "/api/v1/me")).Status);
    }

    [Fact]
    public async Task ApiKeys_BadRequests_400PerField()
    {
        await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "reader" } });

        var (neither, p1) = await _node.PostAsync("/api/v1/api-keys", new { name = "k" });
        var (unknown, p2) = await _node.PostAsync("/api/v1/api-keys", new { user = "bob" });
        var (past, p3) = await _node.PostAsync("/api/v1/api-keys", new { user = "alice", expires = DateTimeOffset.UtcNow.AddDays(-1) });
        var (peerBits, p4) = await _node.PostAsync("/api/v1/api-keys", new { user = "alice", clearance = "secret" });

        Assert.Equal((400, 400, 400, 400), (neither, unknown, past, peerBits));
        Assert.Contains("user or to a peer organisation", Error(p1, "user"), StringComparison.Ordinal);
        Assert.Contains("bob", Error(p2, "user"), StringComparison.Ordinal);
        Assert.Contains("future", Error(p3, "expires"), StringComparison.Ordinal);
        Assert.Contains("peer keys", Error(p4, "user"), StringComparison.Ordinal);
        Assert.Empty((await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Get, "/api/v1/api-keys")).Body.EnumerateArray());
    }

    [Fact]
    public async Task DirectoryApi_NonAdministrator_403_Anonymous_401()
    {
        var secret = await _node.UserWithKeyAsync("alice", DirectoryNode.NodeOrganization, "unclassified", "analyst");

        Assert.Equal(403, (await DirectoryNode.SendAsync(_node.Client(secret), HttpMethod.Get, "/api/v1/users")).Status);
        Assert.Equal(403, (await DirectoryNode.SendAsync(_node.Client(secret), HttpMethod.Post, "/api/v1/api-keys", new { user = "alice" })).Status);
        Assert.Equal(401, (await DirectoryNode.SendAsync(_node.Client(null), HttpMethod.Get, "/api/v1/me")).Status);
    }

    [Fact]
    public async Task Users_MalformedJson_400ProblemDetails()
    {
        using var content = new StringContent("{\"userName\":", System.Text.Encoding.UTF8, "application/json");
        var response = await _node.Admin.PostAsync("/api/v1/users", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignIn_Password_SameClaimsAsTheUsersKey_WrongOrDisabled_Null()
    {
        await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "analyst" }, clearance = "secret", password = "a long enough password" });
        var signIn = _node.App.Services.GetRequiredService<IUserSignIn>();

        var principal = await signIn.SignInAsync("alice", "a long enough password");
        var wrong = await signIn.SignInAsync("alice", "a long enough passworD");
        var unknown = await signIn.SignInAsync("bob", "a long enough password");
        await DirectoryNode.SendAsync(_node.Admin, HttpMethod.Patch, "/api/v1/users/alice", new { disabled = true });
        var disabled = await signIn.SignInAsync("alice", "a long enough password");

        Assert.IsType<DirectorySignIn>(signIn);
        Assert.NotNull(principal);
        Assert.Equal("alice", principal.Identity?.Name);
        Assert.True(principal.IsInRole("analyst"));
        Assert.Equal("secret", principal.FindFirst(Taxii.Security.ViewerClaims.Clearance)?.Value);
        Assert.Equal((null, null, null), (wrong, unknown, disabled));
    }

    [Fact]
    public async Task PasswordReset_Random_ShownOnce_AndSignsIn()
    {
        await _node.PostAsync("/api/v1/users", new { userName = "alice", roles = new[] { "reader" } });

        var (status, body) = await _node.PostAsync("/api/v1/users/alice/password", new { });
        var (missing, _) = await _node.PostAsync("/api/v1/users/bob/password", new { password = "a long enough password" });

        Assert.Equal((200, 404), (status, missing));
        var password = body.GetProperty("password").GetString()!;
        Assert.NotNull(await _node.App.Services.GetRequiredService<IUserSignIn>().SignInAsync("alice", password));
    }

    [Fact]
    public async Task NodeIdentity_InTheDirectoryAndTheStore_OnceAcrossRestarts()
    {
        var store = _node.App.Services.GetRequiredService<IObjectStore>();
        var versions = await store.GetVersionsAsync(DirectoryNode.NodeOrganization);

        await _node.RestartAsync("--CyDef:Sharing:OrganizationName=Another name", "--CyDef:Sharing:Communities:0=community--military-certs");

        var directory = _node.App.Services.GetRequiredService<IDirectory>();
        var identity = Assert.Single(versions);
        Assert.Contains("\"identity_class\":\"organization\"", System.Text.Encoding.UTF8.GetString(identity.Json.Span), StringComparison.Ordinal);
        Assert.Single(await _node.App.Services.GetRequiredService<IObjectStore>().GetVersionsAsync(DirectoryNode.NodeOrganization));
        Assert.Equal("Belgian milCERT", (await directory.GetOrganizationAsync(DirectoryNode.NodeOrganization))?.Name);
        Assert.Equal(DirectoryNode.NodeOrganization, await directory.GetSettingAsync(DirectorySettings.NodeOrganization));
        Assert.Equal([DirectoryNode.NodeOrganization], (await directory.GetCommunityAsync("community--military-certs"))?.Members);
    }

    [Fact]
    public async Task OpenApi_DescribesTheDirectoryRoutes()
    {
        using var document = JsonDocument.Parse(await _node.Admin.GetStringAsync(CyDefNode.OpenApiPath));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/users", paths);
        Assert.Contains("/api/v1/api-keys/{id}", paths);
        Assert.Contains("/api/v1/communities/{id}/members/{organization}", paths);
        Assert.Contains("/api/v1/me", paths);
    }
}
