using System.Security.Claims;

namespace CyDef.Server.Security;

/// <summary>
/// Checks a user name and password for the web UI's sign-in page and gives the principal the user stands for: the
/// same claims an API key of that user gives (roles, collection rights, viewer attributes), so that the sharing
/// policy sees the same viewer on every path.
/// </summary>
public interface IUserSignIn
{
    /// <summary>The user's principal, or null when the name or password is wrong (the caller says which of neither).</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    ValueTask<ClaimsPrincipal?> SignInAsync(string userName, string password, CancellationToken cancellationToken = default);
}
