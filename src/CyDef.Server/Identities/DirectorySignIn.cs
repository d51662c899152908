using System.Security.Claims;
using CyDef.Server.Security;
using CyDef.Storage.Identities;

namespace CyDef.Server.Identities;

/// <summary>
/// Signs users of the directory in with their password: the principal has the claims a key of the same user gives.
/// A disabled user, an unknown one and a wrong password are refused alike, and in about the same time (a password
/// is hashed in each case).
/// </summary>
/// <param name="directory">The node's directory.</param>
/// <param name="fallback">
/// Asked when the directory refuses: the configured API keys (user name the key's name, password the key), so that
/// a node's administrator can sign in before any user exists.
/// </param>
public sealed class DirectorySignIn(NodeDirectory directory, IUserSignIn? fallback = null) : IUserSignIn
{
    /// <summary>The authentication type of a principal signed in with a password.</summary>
    public const string AuthenticationType = "password";

    private static readonly string Decoy = PasswordHash.Create(Guid.NewGuid().ToString());

    /// <inheritdoc />
    public async ValueTask<ClaimsPrincipal?> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var user = await directory.Directory.GetUserAsync(userName.Trim(), cancellationToken).ConfigureAwait(false);
        var usable = user is { Disabled: false, PasswordHash: not null };
        var matches = PasswordHash.Verify(password, usable ? user!.PasswordHash! : Decoy);
        if (usable && matches)
        {
            return await directory.PrincipalAsync(user!, AuthenticationType, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return fallback is null ? null : await fallback.SignInAsync(userName, password, cancellationToken).ConfigureAwait(false);
    }
}
