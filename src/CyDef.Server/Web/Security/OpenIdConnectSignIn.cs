using System.Security.Claims;
using CyDef.Sharing.Markings;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CyDef.Server.Web.Security;

/// <summary>
/// Sign-in to the web UI through an OpenID Connect provider (<c>CyDef:Ui:OpenIdConnect</c>), beside the user name and
/// password form: the authorization code flow with PKCE; the provider's ID token becomes the UI's cookie
/// (<see cref="WebUi.CookieScheme"/>) with the node's claims — roles, and the viewer attributes the sharing policy
/// reads — taken from the token's claims named in the configuration. A role the token does not name is not given
/// (no recognised role: reader); a clearance the token does not assert is UNCLASSIFIED; other attributes the token
/// leaves out are the node's defaults for its users, as for an API key that does not set them.
/// </summary>
public sealed class OpenIdConnectSignIn
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CyDef:Ui:OpenIdConnect";

    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "CyDef.Oidc";

    /// <summary>The route that starts a sign-in with the provider (<c>?ReturnUrl=</c> a path on the node).</summary>
    public const string StartPath = "/signin/oidc";

    /// <summary>The provider's issuer URL (its discovery document is at <c>/.well-known/openid-configuration</c> under it).</summary>
    public string? Authority { get; set; }

    /// <summary>The node's client id at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret, if the provider gave the node one (a confidential client).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in page.</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Scopes asked for (<c>openid</c> is always asked).</summary>
    public IList<string> Scopes { get; set; } = ["profile"];

    /// <summary>Whether the discovery document must be fetched over HTTPS (keep true outside tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim of the user's name.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim holding the user's CyDef roles (administrator, analyst, reader).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim of the user's EU clearance (unclassified … top-secret).</summary>
    public string ClearanceClaim { get; set; } = "cydef_clearance";

    /// <summary>The claim of the user's organisation (an identity id).</summary>
    public string OrganizationClaim { get; set; } = "cydef_organization";

    /// <summary>The claim of the user's nationality (ISO 3166-1 alpha-2).</summary>
    public string NationalityClaim { get; set; } = "cydef_nationality";

    /// <summary>The claim of the user's communities.</summary>
    public string CommunityClaim { get; set; } = "cydef_communities";

    /// <summary>Whether a provider is configured (an authority and a client id).</summary>
    public bool Enabled => !string.IsNullOrEmpty(Authority) && !string.IsNullOrEmpty(ClientId);

    /// <summary>Reads the configuration and, when a provider is configured, adds its scheme.</summary>
    /// <param name="services">The node's services.</param>
    /// <param name="configuration">The node's configuration.</param>
    public static IServiceCollection AddOpenIdConnectSignIn(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(Section).Get<OpenIdConnectSignIn>() ?? new OpenIdConnectSignIn();
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return services;
        }

        if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{Section}:Authority: '{settings.Authority}' is not an absolute http(s) URL");
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.SignInScheme = WebUi.CookieScheme;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in settings.Scopes)
            {
                o.Scope.Add(scope);
            }

            o.Events.OnTokenValidated = context =>
            {
                context.Principal = settings.PrincipalOf(context.Principal ?? new ClaimsPrincipal());
                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Maps <see cref="StartPath"/> when a provider is configured.</summary>
    /// <param name="app">The node's application.</param>
    public static void MapOpenIdConnectSignIn(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<OpenIdConnectSignIn>().Enabled)
        {
            return;
        }

        app.MapGet(StartPath, static (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [Scheme]))
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The UI's principal for a validated ID token: its name, the CyDef roles it names, the viewer attributes it asserts.</summary>
    /// <param name="token">The token's principal.</param>
    public ClaimsPrincipal PrincipalOf(ClaimsPrincipal token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var claims = new List<Claim>();
        var name = token.FindFirst(NameClaim)?.Value ?? token.FindFirst("sub")?.Value ?? "?";
        claims.Add(new Claim(ClaimTypes.Name, name));
        var roles = Values(token, RoleClaim).Where(r => r is NodeClaims.AdministratorRole or NodeClaims.AnalystRole or NodeClaims.ReaderRole).Distinct().ToList();
        foreach (var role in roles.Count > 0 ? roles : [NodeClaims.ReaderRole])
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        var clearance = token.FindFirst(ClearanceClaim)?.Value;
        claims.Add(new Claim(ViewerClaims.Clearance, clearance is not null && Classifications.TryParseEu(clearance, out _) ? clearance : "unclassified"));
        if (token.FindFirst(OrganizationClaim)?.Value is { Length: > 0 } organization)
        {
            claims.Add(new Claim(ViewerClaims.Organization, organization));
        }

        if (token.FindFirst(NationalityClaim)?.Value is { Length: 2 } nationality)
        {
            claims.Add(new Claim(ViewerClaims.Nationality, nationality.ToUpperInvariant()));
            claims.Add(new Claim(ViewerClaims.Sets, ViewerClaims.Nationality));
        }

        var communities = Values(token, CommunityClaim).ToList();
        if (communities.Count > 0)
        {
            claims.Add(new Claim(ViewerClaims.Sets, ViewerClaims.Community));
            claims.AddRange(communities.Select(c => new Claim(ViewerClaims.Community, c)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    // A claim given several times (a JSON array in the token) or once as a space-separated list.
    private static IEnumerable<string> Values(ClaimsPrincipal token, string type) =>
        token.FindAll(type).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
