using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CyDef.Taxii.Security;

/// <summary>
/// Authenticates requests by API key: HTTP Basic with any user name and the key as password, or
/// <c>Authorization: Bearer KEY</c>. Configured keys are compared as SHA-256 digests in constant time; a key none of
/// them matches is given to <see cref="ApiKeyOptions.Lookup"/> (the node's directory).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (ReadKey(header) is not { } key)
        {
            return AuthenticateResult.Fail("The Authorization header is neither Basic nor Bearer.");
        }

        var principal = Find(key) is { } grant
            ? NodeClaims.Principal(grant, Scheme.Name)
            : Options.Lookup is { } lookup ? await lookup(key, Context.RequestAborted).ConfigureAwait(false) : null;
        return principal is null
            ? AuthenticateResult.Fail("Unknown API key.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = NodeClaims.Challenge;
        return Task.CompletedTask;
    }

    private static string? ReadKey(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || string.IsNullOrEmpty(value.Parameter))
        {
            return null;
        }

        if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return value.Parameter;
        }

        if (!value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[Math.Min(value.Parameter.Length, 4096)];
        if (!Convert.TryFromBase64String(value.Parameter, decoded, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(decoded[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }

    private ApiKeyGrant? Find(string key)
    {
        Span<byte> presented = stackalloc byte[32];
        Span<byte> known = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), presented);
        ApiKeyGrant? found = null;
        foreach (var grant in Options.Keys)
        {
            if (grant.Key.Length == 0)
            {
                continue;
            }

            SHA256.HashData(Encoding.UTF8.GetBytes(grant.Key), known);
            if (CryptographicOperations.FixedTimeEquals(presented, known))
            {
                found ??= grant;
            }
        }

        return found;
    }
}
