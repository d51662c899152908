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
}
