using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Authorization;

namespace CyDef.Server.Security;

/// <summary>The node's authorization policies.</summary>
public static class NodeAuthorization
{
    /// <summary>Administrators only.</summary>
    public const string AdministratorPolicy = "administrator";

    /// <summary>Adds the policies.</summary>
    /// <param name="options">The authorization options.</param>
    public static void AddPolicies(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(AdministratorPolicy, p => p.RequireAuthenticatedUser().RequireRole(NodeClaims.AdministratorRole));
    }
}
