using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CyDef.Server.Security;
using CyDef.Taxii.Security;
using Microsoft.Extensions.Options;

namespace CyDef.Server.Web.Security;

/// <summary>
/// The web UI's sign-in with the configured API keys (the directory's <see cref="Identities.DirectorySignIn"/> asks it when it refuses), the user name being a key's
/// <see cref="ApiKeyGrant.Name"/> and the password the key itself. The principal carries exactly the claims the API key
/// handler gives the same key (<see cref="NodeClaims.Principal(ApiKeyGrant, string)"/>), so the page and the API see the same viewer.
/// </summary>
/// <param name="options">The API key handler's options (its keys).</param>
internal sealed class ApiKeyUserSignIn(IOptionsMonitor<ApiKeyOptions> options) : IUserSignIn
{
    /// <inheritdoc />
    public ValueTask<ClaimsPrincipal?> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> presented = stackalloc byte[32];
        Span<byte> known = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(password), presented);
        ApiKeyGrant? found = null;
        foreach (var grant in options.Get(ApiKeyOptions.Scheme).Keys)
        {
            if (grant.Key.Length == 0)
            {
                continue;
            }

            // Every key is compared, in constant time, so that the answer's timing tells nothing about the keys.
            SHA256.HashData(Encoding.UTF8.GetBytes(grant.Key), known);
            if (CryptographicOperations.FixedTimeEquals(presented, known) && string.Equals(grant.Name, userName, StringComparison.Ordinal))
            {
                found ??= grant;
            }
        }

        return ValueTask.FromResult(found is null ? null : NodeClaims.Principal(found, WebUi.CookieScheme));
    }
}
