using CyDef.Sharing.Signatures.Internal;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// The previous key's hybrid signature over a new key made by a rotation: with it a peer that trusts the old key can
/// trust the new one (<see cref="TrustRecord.Follow"/>). The message is the RFC 8785 text of
/// {scheme: "cydef-key-endorsement-1", key_id, created, ed25519, ml_dsa_65, endorsed_by}.
/// </summary>
/// <param name="EndorsedBy">The id of the key that signed.</param>
/// <param name="Ed25519">Its Ed25519 signature.</param>
/// <param name="MLDsa65">Its ML-DSA-65 signature.</param>
public sealed record KeyEndorsement(string EndorsedBy, byte[] Ed25519, byte[] MLDsa65)
{
    /// <summary>The scheme of the endorsement message.</summary>
    public const string Scheme = "cydef-key-endorsement-1";

    /// <summary>The endorsement of <paramref name="key"/> by <paramref name="endorser"/>.</summary>
    /// <param name="endorser">The key that vouches (the current key at a rotation).</param>
    /// <param name="key">The new key.</param>
    public static KeyEndorsement Create(SigningKey endorser, PublicSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(endorser);
        ArgumentNullException.ThrowIfNull(key);
        var (ed, ml) = endorser.Sign(Message(key, endorser.KeyId));
        return new KeyEndorsement(endorser.KeyId, ed, ml);
    }

    /// <summary>Whether <paramref name="endorser"/> signed this endorsement of <paramref name="key"/>, both algorithms.</summary>
    /// <param name="endorser">The endorsing key's public half.</param>
    /// <param name="key">The endorsed key.</param>
    public bool Verifies(PublicSigningKey endorser, PublicSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(endorser);
        ArgumentNullException.ThrowIfNull(key);
        return endorser.KeyId == EndorsedBy && endorser.Verify(Message(key, EndorsedBy), Ed25519, MLDsa65) == (true, true);
    }

    /// <summary>The fields that carry an endorsement in a key file and a trust record.</summary>
    internal StixProperty[] ToProperties() =>
    [
        new("endorsed_by", StixValue.String(EndorsedBy)),
        new("endorsement", StixValue.Object(
        [
            new("ed25519", StixValue.String(Convert.ToBase64String(Ed25519))),
            new("ml_dsa_65", StixValue.String(Convert.ToBase64String(MLDsa65))),
        ])),
    ];

    /// <summary>Reads those fields: true with null when there are none, false when they are not well formed.</summary>
    internal static bool TryRead(StixValue item, out KeyEndorsement? endorsement)
    {
        endorsement = null;
        if (item["endorsed_by"] is null && item["endorsement"] is null)
        {
            return true;
        }

        var by = item["endorsed_by"]?.AsString();
        var ed = Base64(item["endorsement"]?["ed25519"]);
        var ml = Base64(item["endorsement"]?["ml_dsa_65"]);
        endorsement = by is null || ed is null || ml is null ? null : new KeyEndorsement(by, ed, ml);
        return endorsement is not null;
    }

    private static byte[]? Base64(StixValue? value)
    {
        if (value?.AsString() is not { } text)
        {
            return null;
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private static byte[] Message(PublicSigningKey key, string endorsedBy) => ContentForm.Canonical(StixValue.Object(
    [
        new("scheme", StixValue.String(Scheme)),
        new("key_id", StixValue.String(key.KeyId)),
        new("created", StixValue.String(Times.Format(key.Created))),
        new("ed25519", StixValue.String(Convert.ToBase64String(key.Ed25519.Span))),
        new("ml_dsa_65", StixValue.String(Convert.ToBase64String(key.MLDsa65.Span))),
        new("endorsed_by", StixValue.String(endorsedBy)),
    ]));
}
