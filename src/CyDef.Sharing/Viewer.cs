using CyDef.Sharing.Markings;

namespace CyDef.Sharing;

/// <summary>Who is asking to see an object: a user of this node, a peer node, or the audience of an export.</summary>
/// <param name="Kind">User, peer or export.</param>
/// <param name="Organization">The identity id of the viewer's organisation.</param>
/// <param name="Clearance">The highest EU classification level the viewer is cleared for (for a peer: accredited for).</param>
/// <param name="Nationality">ISO 3166-1 alpha-2 code of the viewer's nationality (for a peer: its country), if known.</param>
/// <param name="Communities">The communities the viewer belongs to.</param>
/// <param name="Exercises">The exercises the viewer takes part in.</param>
public sealed record Viewer(
    ViewerKind Kind,
    string Organization,
    ClassificationLevel Clearance,
    string? Nationality,
    IReadOnlySet<string> Communities,
    IReadOnlySet<string> Exercises)
{
    private static readonly HashSet<string> None = [];

    /// <summary>A user of this node with no clearance, community or exercise beyond the node's own.</summary>
    /// <param name="organization">The node's organisation.</param>
    public static Viewer User(string organization) =>
        new(ViewerKind.User, organization, ClassificationLevel.Unclassified, null, None, None);
}

/// <summary>The kind of <see cref="Viewer"/>.</summary>
public enum ViewerKind
{
    /// <summary>A signed-in user (or API key) of this node: a member of the node's organisation.</summary>
    User,

    /// <summary>Another node receiving objects through federation.</summary>
    Peer,

    /// <summary>A file or feed written for an audience outside the node.</summary>
    Export,
}

/// <summary>The node whose policy decides: its organisation and the communities it belongs to.</summary>
/// <param name="Organization">The identity id of the node's owning organisation.</param>
/// <param name="Communities">The communities the node is a member of.</param>
public sealed record NodeIdentity(string Organization, IReadOnlySet<string> Communities);
