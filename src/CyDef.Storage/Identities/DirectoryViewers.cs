using CyDef.Sharing;
using CyDef.Sharing.Markings;

namespace CyDef.Storage.Identities;

/// <summary>The sharing policy's viewer that a directory record stands for.</summary>
public static class DirectoryViewers
{
    /// <summary>
    /// The viewer of a user: the user's organisation and clearance; nationality the user's, else the organisation's
    /// country; communities those of the organisation and the user's own; a user holding the <c>peer</c> role
    /// stands for a peer node.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="organization">The user's organisation, if it is in the directory.</param>
    /// <param name="organizationCommunities">The communities the organisation belongs to.</param>
    public static Viewer Of(DirectoryUser user, Organization? organization, IEnumerable<string> organizationCommunities)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(organizationCommunities);
        var communities = new HashSet<string>(organizationCommunities, StringComparer.Ordinal);
        communities.UnionWith(user.Communities);
        return new Viewer(
            user.Roles.Contains("peer") ? ViewerKind.Peer : ViewerKind.User,
            user.Organization,
            Level(user.Clearance),
            user.Nationality ?? organization?.Country,
            communities,
            new HashSet<string>(user.Exercises, StringComparer.Ordinal));
    }

    /// <summary>The viewer of a peer organisation's key: a peer of that organisation, its country, its communities, the key's accreditation.</summary>
    /// <param name="key">The peer key.</param>
    /// <param name="organization">The peer organisation.</param>
    /// <param name="organizationCommunities">The communities it belongs to.</param>
    public static Viewer Of(DirectoryApiKey key, Organization organization, IEnumerable<string> organizationCommunities)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(organization);
        return new Viewer(
            ViewerKind.Peer,
            organization.Id,
            Level(key.Clearance ?? "unclassified"),
            organization.Country,
            new HashSet<string>(organizationCommunities, StringComparer.Ordinal),
            new HashSet<string>(StringComparer.Ordinal));
    }

    // The directory's callers check clearances before storing them; one that still fails to parse gets the least.
    private static ClassificationLevel Level(string clearance) =>
        Classifications.TryParseEu(clearance, out var level) ? level : ClassificationLevel.Unclassified;
}
