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

    /// <summary>
    /// An object type the holder may read; a holder with none of these claims may read every type. Sensors read
    /// indicators only.
    /// </summary>
    public const string ReadType = "cydef:read-type";

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

    /// <summary>
    /// The collection rights that roles give, the same for configured keys, directory users and their keys:
    /// <c>analyst</c> reads and writes every collection, <c>reader</c> reads every collection, <c>sensor</c> reads the
    /// indicators of every collection (unless another role lets it read everything). <c>administrator</c> needs no
    /// claim (<see cref="IsAdministrator"/>); <c>peer</c> gives none: a peer's key lists its collections.
    /// </summary>
    /// <param name="roles">The roles held.</param>
    public static IEnumerable<Claim> RightsOf(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToHashSet(StringComparer.Ordinal);
        if (held.Contains(AnalystRole) || held.Contains(ReaderRole) || held.Contains(SensorRole))
        {
            yield return new Claim(Read, "*");
        }

        if (held.Contains(AnalystRole))
        {
            yield return new Claim(Write, "*");
        }

        if (held.Contains(SensorRole) && !held.Overlaps([AdministratorRole, AnalystRole, ReaderRole]))
        {
            yield return new Claim(ReadType, "indicator");
        }
    }

    /// <summary>The object types the user may read, or null for every type.</summary>
    /// <param name="user">The authenticated user.</param>
    public static IReadOnlySet<string>? ReadableTypes(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var types = user.FindAll(ReadType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return types.Count == 0 || IsAdministrator(user) ? null : types;
    }

    /// <summary>Whether the user may read objects of the type of <paramref name="id"/> (<c>type--UUID</c>).</summary>
    /// <param name="user">The authenticated user.</param>
    /// <param name="id">A STIX id.</param>
    public static bool MayReadType(ClaimsPrincipal user, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var separator = id.IndexOf("--", StringComparison.Ordinal);
        return ReadableTypes(user) is not { } types || (separator > 0 && types.Contains(id[..separator]));
    }

    /// <summary>
    /// The principal of a holder: its name, roles, the rights its roles give and the collections it lists, and its
    /// viewer claims (<see cref="ViewerClaims"/>).
    /// </summary>
    /// <param name="name">The holder's name.</param>
    /// <param name="roles">Its roles.</param>
    /// <param name="read">Collections it may read beyond its roles' rights.</param>
    /// <param name="write">Collections it may write beyond its roles' rights.</param>
    /// <param name="viewer">Its viewer claims.</param>
    /// <param name="authenticationType">How it was authenticated (the scheme).</param>
    public static ClaimsPrincipal Principal(string name, IEnumerable<string> roles, IEnumerable<string> read, IEnumerable<string> write, IEnumerable<Claim> viewer, string authenticationType)
    {
        var held = roles.Distinct(StringComparer.Ordinal).ToList();
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(held.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(RightsOf(held));
        claims.AddRange(read.Select(c => new Claim(Read, c)));
        claims.AddRange(write.Select(c => new Claim(Write, c)));
        claims.AddRange(viewer);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>The principal of a configured key (<see cref="ApiKeyGrant"/>).</summary>
    /// <param name="grant">The key.</param>
    /// <param name="authenticationType">How it was authenticated (the scheme).</param>
    public static ClaimsPrincipal Principal(ApiKeyGrant grant, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var roles = new List<string>(grant.Roles);
        if (grant.Administrator)
        {
            roles.Add(AdministratorRole);
        }

        if (grant.Peer)
        {
            roles.Add(PeerRole);
        }

        return Principal(grant.Name, roles, grant.Read, grant.Write, ViewerClaims.Of(grant), authenticationType);
    }

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
