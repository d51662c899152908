using CyDef.Sharing.Signatures.Internal;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// Checks the signatures of objects against the keys of trusted records (each peer's <see cref="TrustRecord"/>): both
/// the Ed25519 and the ML-DSA-65 signature must verify over the content presented, by a known key, dated within the
/// key's life. A batch's root (docs/signatures.md) is verified once: the verifier remembers the last
/// <see cref="VerifiedRootCapacity"/> roots it found valid. Thread-safe; its trust is immutable: build a new one when
/// a record changes.
/// </summary>
public sealed class SignatureVerifier
{
    /// <summary>How far in the future a signature may be dated (clocks differ).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How many verified batch roots a verifier remembers (the least recently used go first).</summary>
    public const int VerifiedRootCapacity = 4096;

    private readonly VerifiedRoots _verifiedRoots = new(VerifiedRootCapacity);
    private readonly Dictionary<string, (PublicSigningKey Key, string Node)> _keys = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _excluded;
    private readonly TimeProvider _time;

    /// <summary>A verifier that trusts the keys of <paramref name="records"/>.</summary>
    /// <param name="records">The trust records of the nodes whose signatures are accepted.</param>
    /// <param name="excluded">Extensions left out of signatures (default <see cref="SignatureExtension.DefaultExcluded"/>).</param>
    /// <param name="time">The clock.</param>
    public SignatureVerifier(IEnumerable<TrustRecord> records, IReadOnlyList<string>? excluded = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            foreach (var key in record.Keys)
            {
                _keys[key.KeyId] = (key, record.Node);
            }
        }

        _excluded = excluded ?? SignatureExtension.DefaultExcluded;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Checks the signature of <paramref name="value"/>.</summary>
    /// <param name="value">A STIX object as received.</param>
    public SignatureCheck Verify(StixValue value) => Verify(value, null);

    /// <summary>
    /// Checks the signature of <paramref name="value"/>; a valid one on a version <paramref name="isHeld"/> says this
    /// node already holds is <see cref="SignatureStatus.Replayed"/>.
    /// </summary>
    /// <param name="value">A STIX object as received.</param>
    /// <param name="isHeld">Whether the node holds the version (id, modified — "" for objects without one).</param>
    public SignatureCheck Verify(StixValue value, Func<string, string, bool>? isHeld)
    {
        ArgumentNullException.ThrowIfNull(value);
        var id = value.IsObject ? value["id"]?.AsString() : null;
        if (id is null)
        {
            return new SignatureCheck { Status = SignatureStatus.Malformed, Reason = "not a STIX object with an id" };
        }

        if (value["extensions"]?[SignatureExtension.Id] is not { } extension)
        {
            return new SignatureCheck { Status = SignatureStatus.Unsigned, Reason = "no signature extension", ObjectId = id };
        }

        if (SignatureFields.Read(extension, out var error) is not { } fields)
        {
            return new SignatureCheck { Status = SignatureStatus.Malformed, Reason = error, ObjectId = id };
        }

        var check = new SignatureCheck { Status = SignatureStatus.Valid, ObjectId = id, KeyId = fields.KeyId, SignedAt = fields.SignedAt, Withheld = fields.Withheld.Count };
        if (!_keys.TryGetValue(fields.KeyId, out var trusted))
        {
            return check with { Status = SignatureStatus.UnknownKey, Reason = "signed by a key no trust record holds" };
        }

        check = check with { Signer = trusted.Node };
        if (Dates(fields, trusted.Key) is { } dated)
        {
            return check with { Status = dated.Status, Reason = dated.Reason };
        }

        var checkedSignature = Check(value, fields, trusted.Key);
        if (checkedSignature is not null)
        {
            return check with { Status = checkedSignature.Value.Status, Reason = checkedSignature.Value.Reason };
        }

        return isHeld is not null && isHeld(id, value["modified"]?.AsString() ?? "")
            ? check with { Status = SignatureStatus.Replayed, Reason = "this version is already held" }
            : check;
    }

    private (SignatureStatus Status, string Reason)? Dates(SignatureFields fields, PublicSigningKey key)
    {
        if (fields.SignedAt > _time.GetUtcNow() + ClockSkew)
        {
            return (SignatureStatus.NotYetValid, $"signed at {fields.SignedAtText}, in the future");
        }

        if (fields.SignedAt < key.Created)
        {
            return (SignatureStatus.NotYetValid, $"signed at {fields.SignedAtText}, before the key was created ({Times.Format(key.Created)})");
        }

        return key.Retired is { } retired && fields.SignedAt > retired
            ? (SignatureStatus.KeyRetired, $"signed at {fields.SignedAtText}, after the key was retired ({Times.Format(retired)})")
            : null;
    }

    /// <summary>How many verified batch roots are remembered now.</summary>
    internal int VerifiedRootCount => _verifiedRoots.Count;

    private (SignatureStatus Status, string Reason)? Check(StixValue value, SignatureFields fields, PublicSigningKey key)
    {
        byte[] message;
        try
        {
            var form = ContentForm.Build(ObjectPaths.WithoutExtensions(value, _excluded), fields.Salts);
            message = ContentForm.Message(fields.Scheme, fields.KeyId, fields.SignedAtText, fields.Proof?.LeafSalt, form.Core, [.. form.Commitments.Values, .. fields.Withheld]);
        }
        catch (SignatureContentException e)
        {
            return (SignatureStatus.Malformed, e.Message);
        }

        return fields.Proof is { } proof ? CheckInBatch(message, proof, fields, key) : Signatures(key.Verify(message, fields.Ed25519, fields.MLDsa), "content");
    }

    // The leaf and its audit path lead to a root; the root's signatures are verified once per batch.
    private (SignatureStatus Status, string Reason)? CheckInBatch(byte[] message, BatchProof proof, SignatureFields fields, PublicSigningKey key)
    {
        if (MerkleTree.RootFromPath(MerkleTree.LeafHash(message), proof.LeafIndex, proof.TreeSize, proof.AuditPath) is not { } root)
        {
            return (SignatureStatus.BadProof, $"the inclusion proof does not fit leaf {proof.LeafIndex} of a tree of {proof.TreeSize} (an audit path of {proof.AuditPath.Count} hashes)");
        }

        var rootMessage = ContentForm.RootMessage(fields.KeyId, fields.SignedAtText, proof.TreeSize, root);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(rootMessage);
        hash.AppendData(fields.Ed25519);
        hash.AppendData(fields.MLDsa);
        var entry = hash.GetHashAndReset();
        if (_verifiedRoots.Contains(entry))
        {
            return null;
        }

        var failed = Signatures(key.Verify(rootMessage, fields.Ed25519, fields.MLDsa), "root its content and inclusion proof lead to");
        if (failed is null)
        {
            _verifiedRoots.Add(entry);
        }

        return failed;
    }

    private static (SignatureStatus Status, string Reason)? Signatures((bool Ed25519, bool MLDsa) verified, string what) => verified switch
    {
        (true, true) => null,
        (false, false) => (SignatureStatus.BadSignature, $"neither the Ed25519 nor the ML-DSA-65 signature verifies over the {what}: changed, or signed for other content"),
        (false, true) => (SignatureStatus.BadSignature, "the Ed25519 signature does not verify (the ML-DSA-65 one does)"),
        (true, false) => (SignatureStatus.BadSignature, "the ML-DSA-65 signature does not verify (the Ed25519 one does)"),
    };
}
