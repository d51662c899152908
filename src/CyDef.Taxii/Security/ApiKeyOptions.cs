using Microsoft.AspNetCore.Authentication;

namespace CyDef.Taxii.Security;

/// <summary>The API keys a node accepts.</summary>
public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>The authentication scheme's name.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The realm of the <c>WWW-Authenticate</c> challenge.</summary>
    public const string Realm = "CyDef";

    /// <summary>The keys.</summary>
    public IList<ApiKeyGrant> Keys { get; set; } = [];

    /// <summary>
    /// Where a key that no configured key matches is looked up (the node's directory): the principal it stands for,
    /// built with <see cref="NodeClaims.Principal(string, IEnumerable{string}, IEnumerable{string}, IEnumerable{string}, IEnumerable{System.Security.Claims.Claim}, string)"/>,
    /// or null when it is unknown, revoked or expired.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<System.Security.Claims.ClaimsPrincipal?>>? Lookup { get; set; }
}
