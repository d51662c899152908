using System.Security.Claims;
using CyDef.Taxii.Server;

namespace CyDef.Taxii.Security;

/// <summary>The claims an API key gives its holder, and the decisions made from them.</summary>
public static class NodeClaims
{
    /// <summary>The role of administrators.</summary>
    public const string AdministratorRole = "administrator";

    /// <summary>The role of analysts: read and write intelligence.</summary>
    public const string AnalystRole = "analyst";

    /// <summary>The role of readers: read intelligence.</summary>
    public const string ReaderRole = "reader";

    /// <summary>The role of sensors: post events and read the indicators they may match.</summary>
    public const string SensorRole = "sensor";

    /// <summary>The role of peer nodes: federation.</summary>
    public const string PeerRole = "peer";

    /// <summary>The roles a key or user may hold.</summary>
    public static readonly IReadOnlyList<string> Roles = [AdministratorRole, AnalystRole, ReaderRole, SensorRole, PeerRole];

    /// <summary>A collection (id, alias or <c>*</c>) the holder may read.</summary>
    public const string Read = "cydef:read";

    /// <summary>A collection (id, alias or <c>*</c>) the holder may write.</summary>
    public const string Write = "cydef:write";

    /// <summary>The <c>WWW-Authenticate</c> challenge of a 401.</summary>
    public const string Challenge = $"Basic realm=\"{ApiKeyOptions.Realm}\", Bearer realm=\"{ApiKeyOptions.Realm}\"";

    /// <summary>Whether the user is an administrator.</summary>
    /// <param name="user">The authenticated user.</param>
    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(AdministratorRole);

    /// <summary>TAXII <c>can_read</c> for this user: the collection allows reading and the user may read it.</summary>
    /// <param name="user">The authenticated user.</param>
    /// <param name="collection">The collection.</param>
    public static bool CanRead(ClaimsPrincipal user, CollectionRecord collection) =>
        collection.CanRead && Grants(user, Read, collection);

    /// <summary>TAXII <c>can_write</c> for this user: the collection allows writing and the user may write it.</summary>
    /// <param name="user">The authenticated user.</param>
    /// <param name="collection">The collection.</param>
    public static bool CanWrite(ClaimsPrincipal user, CollectionRecord collection) =>
        collection.CanWrite && Grants(user, Write, collection);

    private static bool Grants(ClaimsPrincipal user, string type, CollectionRecord collection)
    {
        if (IsAdministrator(user))
        {
            return true;
        }

        foreach (var claim in user.FindAll(type))
        {
            if (claim.Value == "*" || claim.Value == collection.Id || claim.Value == collection.Alias)
            {
                return true;
            }
        }

        return false;
    }
}
