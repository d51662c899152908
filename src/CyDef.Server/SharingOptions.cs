using CyDef.Sharing;
using CyDef.Sharing.Markings;

namespace CyDef.Server;

/// <summary>
/// Who the node is and what its users may see (configuration section <c>CyDef:Sharing</c>). Every API key of the
/// node reads as a user of the node's organisation with this clearance, nationality and these communities.
/// </summary>
public sealed class SharingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CyDef:Sharing";

    /// <summary>The identity id of the node's owning organisation.</summary>
    public string Organization { get; set; } = "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01";

    /// <summary>The name of the node's organisation, given to it in the directory and its STIX identity at first start.</summary>
    public string OrganizationName { get; set; } = "CyDef node";

    /// <summary>The sector of the node's organisation (STIX industry-sector vocabulary), if any.</summary>
    public string? Sector { get; set; }

    /// <summary>The EU classification level the node's users are cleared for (<c>unclassified</c> … <c>top-secret</c>).</summary>
    public string Clearance { get; set; } = "unclassified";

    /// <summary>The ISO 3166-1 alpha-2 code of the node's country.</summary>
    public string? Nationality { get; set; }

    /// <summary>The communities the node belongs to: seeds the directory, which says from then on (docs/identities.md).</summary>
    public List<string> Communities { get; set; } = [];

    /// <summary>The exercises the node's users take part in.</summary>
    public List<string> Exercises { get; set; } = [];

    /// <summary>The node as the policy sees it.</summary>
    public NodeIdentity Node() => new(Organization, new HashSet<string>(Communities, StringComparer.Ordinal));

    /// <summary>The viewer every API key of the node stands for.</summary>
    public Viewer User()
    {
        if (!Classifications.TryParseEu(Clearance, out var level))
        {
            throw new InvalidOperationException($"CyDef:Sharing:Clearance '{Clearance}' is not one of unclassified, restricted, confidential, secret, top-secret.");
        }

        return new Viewer(ViewerKind.User, Organization, level, Nationality, new HashSet<string>(Communities, StringComparer.Ordinal), new HashSet<string>(Exercises, StringComparer.Ordinal));
    }
}
