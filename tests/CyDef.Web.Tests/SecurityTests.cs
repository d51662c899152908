using System.Net;
using System.Security.Claims;
using CyDef.Server.Security;
using CyDef.Server.Web;
using Microsoft.Playwright;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Web.Tests;

/// <summary>The UI's sign-in seam and the line between its cookie and the APIs' keys.</summary>
[Collection(UiNodeCollection.Name)]
public sealed class SecurityTests(UiNode node, Browser browser)
{
    [Fact]
    public async Task ApiKeySignIn_NameAndKey_ClaimsOfTheKey()
    {
        var users = node.Services.GetRequiredService<IUserSignIn>();

        var principal = await users.SignInAsync(UiNode.Visitor.Name, UiNode.Visitor.Key);

        Assert.NotNull(principal);
        Assert.Equal(UiNode.Visitor.Name, principal.Identity?.Name);
        Assert.True(principal.IsInRole(NodeClaims.ReaderRole));
        Assert.False(principal.IsInRole(NodeClaims.AdministratorRole));
        Assert.Equal("unclassified", principal.FindFirst(ViewerClaims.Clearance)?.Value);
        Assert.Null(await users.SignInAsync(UiNode.Administrator.Name, UiNode.Visitor.Key));
        Assert.Null(await users.SignInAsync(UiNode.Visitor.Name, UiNode.Visitor.Key + "x"));
        Assert.Null(await users.SignInAsync(UiNode.Visitor.Name, ""));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UserDirectory_RegisteredBeforeOrAfter_TakesPrecedence(bool before)
    {
        var builder = WebApplication.CreateBuilder();
        if (before)
        {
            builder.Services.AddSingleton<IUserSignIn, Directory>();
        }

        builder.AddWebUi();
        if (!before)
        {
            builder.Services.AddSingleton<IUserSignIn, Directory>();
        }

        using var services = builder.Services.BuildServiceProvider();
        Assert.IsType<Directory>(services.GetRequiredService<IUserSignIn>());
    }

    [Fact]
    public async Task UiRoutes_NoCookie_RedirectToSignIn()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(node.Url) };

        foreach (var path in (string[])["/", "/list/indicators", "/ui/export?format=csv", "/object/" + UiNode.Malware])
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UiRoutes_ApiKeyOnly_NotSignedIn()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(node.Url) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", UiNode.Administrator.Key);

        var response = await client.GetAsync("/ui/export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [SkippableFact]
    public async Task SignOut_SignedInWithoutAntiforgeryToken_RefusedAndStillSignedIn()
    {
        var page = await BrowserTests.SignInAsync(browser, node, UiNode.Visitor);

        var response = await page.Context.APIRequest.PostAsync("/signout", new() { Form = page.Context.APIRequest.CreateFormData(), MaxRedirects = 0 });

        Assert.Equal(400, response.Status);
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync("/ui/export?format=csv", new() { MaxRedirects = 0 })).Status);
    }

    [SkippableFact]
    public async Task Apis_UiCookieOnly_401()
    {
        var page = await BrowserTests.SignInAsync(browser, node, UiNode.Administrator);

        var api = await page.Context.APIRequest.GetAsync("/api/v1/node");
        var taxii = await page.Context.APIRequest.GetAsync("/taxii2/", new() { Headers = new Dictionary<string, string> { ["Accept"] = "application/taxii+json;version=2.1" } });
        var export = await page.Context.APIRequest.GetAsync("/ui/export", new() { MaxRedirects = 0 });

        Assert.Equal(401, api.Status);
        Assert.Equal(401, taxii.Status);
        Assert.Equal(200, export.Status);
    }

    private sealed class Directory : IUserSignIn
    {
        public ValueTask<ClaimsPrincipal?> SignInAsync(string userName, string password, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<ClaimsPrincipal?>(null);
    }
}
