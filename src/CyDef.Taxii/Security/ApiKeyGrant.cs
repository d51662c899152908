namespace CyDef.Taxii.Security;

/// <summary>An API key and what it may do (configuration section <c>CyDef:ApiKeys</c>).</summary>
public sealed class ApiKeyGrant
{
    /// <summary>Who holds the key (logs and audit).</summary>
    public string Name { get; set; } = "api-key";

    /// <summary>The secret: the password of HTTP Basic (any user name) or the token of <c>Authorization: Bearer</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>An administrator may read and write every collection that allows it, and delete objects.</summary>
    public bool Administrator { get; set; }

    /// <summary>Collections (ids or aliases) the key may read; <c>*</c> for all.</summary>
    public IList<string> Read { get; set; } = [];

    /// <summary>Collections (ids or aliases) the key may write; <c>*</c> for all.</summary>
    public IList<string> Write { get; set; } = [];

    /// <summary>Roles beyond <see cref="Administrator"/>: <c>analyst</c>, <c>reader</c>, <c>sensor</c>, <c>peer</c> (<see cref="NodeClaims"/>).</summary>
    public IList<string> Roles { get; set; } = [];

    /// <summary>The key belongs to a peer node (federation), not to a user of this node.</summary>
    public bool Peer { get; set; }

    /// <summary>The identity id of the holder's organisation; unset: the node's own.</summary>
    public string? Organization { get; set; }

    /// <summary>The EU level the holder is cleared (a peer: accredited) for; unset: the node's users' clearance.</summary>
    public string? Clearance { get; set; }

    /// <summary>The holder's ISO 3166-1 alpha-2 nationality (a peer: its country); unset: the node's.</summary>
    public string? Nationality { get; set; }

    /// <summary>The communities the holder belongs to; unset: the node's.</summary>
    public IList<string>? Communities { get; set; }

    /// <summary>The exercises the holder takes part in; unset: the node's.</summary>
    public IList<string>? Exercises { get; set; }
}
