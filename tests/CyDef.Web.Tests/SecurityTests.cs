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

    [Fact]
    public async Task SignIn_TooManyAttemptsForOneUser_429ProblemUntilTheMinuteEnds_OtherUsersStillSignIn()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(node.Url) };
        var user = "mallory-" + Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < 10; i++)
        {
            var refused = await PostSignInAsync(client, user, "guess-" + i);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("signin-error", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var limited = await PostSignInAsync(client, user.ToUpperInvariant(), "guess-10");
        var problem = System.Text.Json.JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too many sign-in attempts", problem.GetProperty("title").GetString());
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);

        // The same client signs in as another user: the limit is per user name and client.
        var other = await PostSignInAsync(client, UiNode.Visitor.Name, UiNode.Visitor.Key);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin")).StatusCode);
    }

    // Posts the sign-in form as a browser does: the form's hidden fields (antiforgery token, handler) from a GET first.
    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string user, string password)
    {
        var form = await client.GetStringAsync("/signin");
        var fields = System.Text.RegularExpressions.Regex.Matches(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .Select(m => KeyValuePair.Create(m.Groups[1].Value, System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(KeyValuePair.Create("Input.UserName", user))
            .Append(KeyValuePair.Create("Input.Password", password));
        return await client.PostAsync("/signin", new FormUrlEncodedContent(fields));
    }

    private sealed class Directory : IUserSignIn
    {
        public ValueTask<ClaimsPrincipal?> SignInAsync(string userName, string password, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<ClaimsPrincipal?>(null);
    }
}
