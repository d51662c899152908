using CyDef.Federation;
using CyDef.Server.Security;
using CyDef.Server.Web.Components;
using CyDef.Server.Web.Data;
using CyDef.Server.Web.Picture;
using CyDef.Server.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CyDef.Server.Web;

/// <summary>
/// The web UI, the common operational picture: Blazor with interactive server rendering and MudBlazor, served by the
/// node. Its pages, its circuit hub and its export route authenticate with a cookie (<see cref="CookieScheme"/>) given
/// at sign-in; the APIs keep their API keys and never accept the cookie. Every page reads through the signed-in user's
/// sharing policy view (<see cref="UiReader"/>).
/// </summary>
public static class WebUi
{
    /// <summary>The UI's cookie authentication scheme.</summary>
    public const string CookieScheme = "CyDef.Ui";

    /// <summary>The authorization policy of every UI endpoint: a user signed in with the cookie.</summary>
    public const string Policy = "cydef-ui";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/signin";

    /// <summary>The sign-out route (POST, with an antiforgery token).</summary>
    public const string SignOutPath = "/signout";

    // The static web assets (MudBlazor's, the UI's own) as the build lists them: published, they sit in wwwroot; run
    // from the build output (./cydef, tests), the runtime manifest points into the sources and the package cache.
    private static readonly string EndpointsManifest = Path.Combine(AppContext.BaseDirectory, "CyDef.Server.staticwebassets.endpoints.json");
    private static readonly string RuntimeManifest = Path.Combine(AppContext.BaseDirectory, "CyDef.Server.staticwebassets.runtime.json");

    /// <summary>Adds the UI's services: Razor components, MudBlazor, the cookie scheme, the sign-in fallback, the picture index.</summary>
    /// <param name="builder">The node's builder.</param>
    public static IServiceCollection AddWebUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (File.Exists(RuntimeManifest) && !Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")))
        {
            builder.Configuration[WebHostDefaults.StaticWebAssetsKey] = RuntimeManifest;
            StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        }

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication().AddCookie(CookieScheme, o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = SignInPath;
            o.Cookie.Name = "cydef-ui";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser()));

        // The fallback over the API keys; a user directory registered before or after this one takes precedence.
        services.TryAddSingleton<IUserSignIn, ApiKeyUserSignIn>();
        services.TryAddSingleton<ChangeFeedWatcher>();
        services.AddSingleton<PictureIndex>();
        services.AddHostedService(sp => sp.GetRequiredService<PictureIndex>());
        services.AddScoped<UiReader>();
        services.AddSignInRateLimit(builder.Configuration);
        OpenIdConnectSignIn.AddOpenIdConnectSignIn(services, builder.Configuration);
        return services;
    }

    /// <summary>Maps the UI: antiforgery, static assets, the pages and their hub, sign-out and export. Call after authorization.</summary>
    /// <param name="app">The node's application.</param>
    public static WebApplication MapWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSignInRateLimit();
        app.UseAntiforgery();
        app.MapStaticAssets(File.Exists(EndpointsManifest) ? EndpointsManifest : null).AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(Policy);
        OpenIdConnectSignIn.MapOpenIdConnectSignIn(app);
        app.MapPost(SignOutPath, SignOutAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        app.MapGet(ExportEndpoint.Path, ExportEndpoint.ExportAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }

    // Taking the form makes the route check its antiforgery token.
    private static async Task<IResult> SignOutAsync(HttpContext http, IFormCollection form)
    {
        _ = form;
        await http.SignOutAsync(CookieScheme).ConfigureAwait(false);
        return Results.LocalRedirect(SignInPath);
    }
}
