using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using CyDef.Server;
using CyDef.Server.Web.Security;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CyDef.Web.Tests;

/// <summary>Sign-in through an OpenID Connect provider: a fake provider's discovery document on 127.0.0.1, and a node configured for it.</summary>
public sealed class OpenIdConnectTests
{
    [Fact]
    public async Task ConfiguredProvider_SignInStart_RedirectsToTheAuthorizeEndpointWithCodeFlowAndPkce()
    {
        var providerUrl = $"http://127.0.0.1:{FreePort()}";
        await using var provider = FakeProvider(providerUrl);
        await provider.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "cydef-oidc-" + Guid.NewGuid().ToString("N"));
        var nodeUrl = $"http://127.0.0.1:{FreePort()}";
        await using var node = await CyDefNode.BuildAsync(
        [
            "--urls", nodeUrl, $"--CyDef:DataFolder={folder}", "--CyDef:LoadDemo=false", "--Logging:LogLevel:Default=Warning", "--CYDEF_BOOTSTRAP_API_KEY=bootstrap-0123456789",
            $"--CyDef:Ui:OpenIdConnect:Authority={providerUrl}", "--CyDef:Ui:OpenIdConnect:ClientId=cydef-node",
            "--CyDef:Ui:OpenIdConnect:RequireHttpsMetadata=false", "--CyDef:Ui:OpenIdConnect:DisplayName=Test provider",
        ]);
        await node.StartAsync();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(nodeUrl) };

            var form = await client.GetStringAsync("/signin");
            var start = await client.GetAsync("/signin/oidc?ReturnUrl=%2Flist%2Findicators");

            Assert.Contains("Sign in with Test provider", form, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            var location = start.Headers.Location!;
            Assert.Equal(providerUrl + "/authorize", location.GetLeftPart(UriPartial.Path));
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
            Assert.Equal("cydef-node", query["client_id"]);
            Assert.Equal("code", query["response_type"]);
            Assert.Equal("S256", query["code_challenge_method"]);
            Assert.Equal(nodeUrl + "/signin-oidc", query["redirect_uri"]);
            Assert.Contains("openid", query["scope"].ToString().Split(' '));
        }
        finally
        {
            await node.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task NoProvider_NoStartRouteAndNoLink()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cydef-oidc-" + Guid.NewGuid().ToString("N"));
        var nodeUrl = $"http://127.0.0.1:{FreePort()}";
        await using var node = await CyDefNode.BuildAsync(["--urls", nodeUrl, $"--CyDef:DataFolder={folder}", "--CyDef:LoadDemo=false", "--Logging:LogLevel:Default=Warning", "--CYDEF_BOOTSTRAP_API_KEY=bootstrap-0123456789"]);
        await node.StartAsync();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(nodeUrl) };

            Assert.DoesNotContain("signin-oidc", await client.GetStringAsync("/signin"), StringComparison.Ordinal);
            Assert.NotEqual(HttpStatusCode.Redirect, (await client.GetAsync("/signin/oidc")).StatusCode);
        }
        finally
        {
            await node.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void PrincipalOf_TokenClaims_KnownRolesAndAssertedAttributesOnly()
    {
        var settings = new OpenIdConnectSignIn { Authority = "https://login.example", ClientId = "node" };
        var token = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "u-1"), new Claim("preferred_username", "anna"), new Claim("roles", "analyst"), new Claim("roles", "peer"),
            new Claim("cydef_clearance", "secret"), new Claim("cydef_nationality", "ee"), new Claim("cydef_communities", "community--a community--b"),
        ], "token"));
        var bare = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u-2"), new Claim("roles", "administrator-ish")], "token"));

        var user = settings.PrincipalOf(token);
        var plain = settings.PrincipalOf(bare);

        Assert.Equal("anna", user.Identity?.Name);
        Assert.True(user.IsInRole(NodeClaims.AnalystRole));
        Assert.False(user.IsInRole(NodeClaims.PeerRole));
        Assert.Equal("secret", user.FindFirst(ViewerClaims.Clearance)?.Value);
        Assert.Equal("EE", user.FindFirst(ViewerClaims.Nationality)?.Value);
        Assert.Equal(["community--a", "community--b"], user.FindAll(ViewerClaims.Community).Select(c => c.Value));
        Assert.Equal("u-2", plain.Identity?.Name);
        Assert.Equal([NodeClaims.ReaderRole], plain.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal("unclassified", plain.FindFirst(ViewerClaims.Clearance)?.Value);
    }

    // The provider's discovery document and an empty key set: enough for the node to send the browser to it.
    private static WebApplication FakeProvider(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = url,
            ["authorization_endpoint"] = url + "/authorize",
            ["token_endpoint"] = url + "/token",
            ["jwks_uri"] = url + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
