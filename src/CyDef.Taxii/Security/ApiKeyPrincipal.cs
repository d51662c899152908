using System.Security.Claims;

namespace CyDef.Taxii.Security;

/// <summary>
/// The principal an API key stands for: its name, roles, collection rights and viewer attributes as claims. The API
/// key handler and the web UI's sign-in build it here, so that the sharing policy sees the same viewer on every path.
/// </summary>
public static class ApiKeyPrincipal
{
    /// <summary>The principal of <paramref name="grant"/>.</summary>
    /// <param name="grant">The key.</param>
    /// <param name="authenticationType">The authentication scheme that vouches for it.</param>
    public static ClaimsPrincipal Of(ApiKeyGrant grant, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var claims = new List<Claim> { new(ClaimTypes.Name, grant.Name) };
        if (grant.Administrator)
        {
            claims.Add(new Claim(ClaimTypes.Role, NodeClaims.AdministratorRole));
        }

        claims.AddRange(grant.Roles.Where(r => r != NodeClaims.AdministratorRole).Select(r => new Claim(ClaimTypes.Role, r)));
        if (grant.Peer && !grant.Roles.Contains(NodeClaims.PeerRole))
        {
            claims.Add(new Claim(ClaimTypes.Role, NodeClaims.PeerRole));
        }

        claims.AddRange(grant.Read.Select(c => new Claim(NodeClaims.Read, c)));
        claims.AddRange(grant.Write.Select(c => new Claim(NodeClaims.Write, c)));
        claims.AddRange(ViewerClaims.Of(grant));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
