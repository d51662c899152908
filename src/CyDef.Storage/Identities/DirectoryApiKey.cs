namespace CyDef.Storage.Identities;

/// <summary>
/// An API key of the directory: it belongs to a user (and reads as that user) or to a peer organisation (a node of
/// that organisation syncing with this one). Only the SHA-256 of the secret is kept, with a short visible prefix to
/// tell keys apart.
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="Prefix">The first characters of the secret, shown in lists.</param>
/// <param name="Hash">The SHA-256 of the secret's UTF-8 bytes, lower-case hex (<see cref="ApiKeySecret.Hash"/>).</param>
/// <param name="Name">What the key is for.</param>
/// <param name="UserName">The user it belongs to, or null for a peer organisation's key.</param>
/// <param name="Organization">The peer organisation it belongs to, or null for a user's key.</param>
/// <param name="Clearance">A peer key: the level the peer is accredited for (short name); null for a user's key.</param>
/// <param name="Read">A peer key: the collections (ids, aliases or <c>*</c>) it may read.</param>
/// <param name="Write">A peer key: the collections it may write.</param>
/// <param name="Created">When it was made.</param>
/// <param name="Expires">When it stops working, if ever.</param>
/// <param name="LastUsed">When it was last accepted (updated at most once a minute).</param>
/// <param name="Revoked">When it was revoked, if it was.</param>
public sealed record DirectoryApiKey(
    string Id,
    string Prefix,
    string Hash,
    string Name,
    string? UserName,
    string? Organization,
    string? Clearance,
    IReadOnlyList<string> Read,
    IReadOnlyList<string> Write,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? LastUsed,
    DateTimeOffset? Revoked)
{
    /// <summary>Whether the key belongs to a peer organisation.</summary>
    public bool IsPeer => UserName is null;

    /// <summary>Whether the key may be used at <paramref name="now"/>: not revoked, not expired.</summary>
    /// <param name="now">The time of use.</param>
    public bool IsValidAt(DateTimeOffset now) => Revoked is null && (Expires is not { } expires || expires > now);
}
