using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// The public half of a node's signing key: an Ed25519 key and an ML-DSA-65 key (FIPS 204), named by
/// <see cref="KeyId"/>, with the time it was created and, once rotated out, retired. Immutable and thread-safe.
/// </summary>
public sealed class PublicSigningKey
{
    /// <summary>Bytes of an Ed25519 public key.</summary>
    public const int Ed25519Length = 32;

    /// <summary>Bytes of an ML-DSA-65 public key.</summary>
    public const int MLDsa65Length = 1952;

    // Signer objects hold per-key state (the expanded key, a digest); each thread keeps its own, per key id.
    [ThreadStatic]
    private static Dictionary<string, (Ed25519Signer Ed25519, MLDsaSigner MLDsa)>? t_verifiers;

    private readonly Ed25519PublicKeyParameters _ed25519;
    private readonly MLDsaPublicKeyParameters _mlDsa;

    private PublicSigningKey(byte[] ed25519, byte[] mlDsa65, DateTimeOffset created, DateTimeOffset? retired, KeyEndorsement? endorsement)
    {
        Endorsement = endorsement;
        _ed25519 = new Ed25519PublicKeyParameters(ed25519);
        _mlDsa = MLDsaPublicKeyParameters.FromEncoding(MLDsaParameters.ml_dsa_65, mlDsa65);
        Ed25519 = ed25519;
        MLDsa65 = mlDsa65;
        KeyId = ComputeKeyId(ed25519, mlDsa65);
        Created = created;
        Retired = retired;
    }

    /// <summary>The key's name: the first 16 bytes of SHA-256 over both public keys (Ed25519 then ML-DSA-65), in hex.</summary>
    public string KeyId { get; }

    /// <summary>When the key was created: a signature dated earlier is not the key's.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>When the key was retired by a rotation: a signature dated later is refused. Null while current.</summary>
    public DateTimeOffset? Retired { get; }

    /// <summary>The previous key's signature over this one, when a rotation made it.</summary>
    public KeyEndorsement? Endorsement { get; }

    /// <summary>The Ed25519 public key (32 bytes).</summary>
    public ReadOnlyMemory<byte> Ed25519 { get; }

    /// <summary>The ML-DSA-65 public key (1,952 bytes).</summary>
    public ReadOnlyMemory<byte> MLDsa65 { get; }

    /// <summary>Creates a public key from its two encodings.</summary>
    /// <param name="ed25519">The Ed25519 public key.</param>
    /// <param name="mlDsa65">The ML-DSA-65 public key.</param>
    /// <param name="created">When the key was created.</param>
    /// <param name="retired">When it was retired, if it was.</param>
    /// <param name="endorsement">The previous key's endorsement, if a rotation made it.</param>
    /// <exception cref="ArgumentException">A key has the wrong length or is not a valid key.</exception>
    public static PublicSigningKey Create(ReadOnlySpan<byte> ed25519, ReadOnlySpan<byte> mlDsa65, DateTimeOffset created, DateTimeOffset? retired, KeyEndorsement? endorsement = null)
    {
        if (ed25519.Length != Ed25519Length || mlDsa65.Length != MLDsa65Length)
        {
            throw new ArgumentException($"a signing key is an Ed25519 key of {Ed25519Length} bytes and an ML-DSA-65 key of {MLDsa65Length} bytes");
        }

        return new PublicSigningKey(ed25519.ToArray(), mlDsa65.ToArray(), created, retired, endorsement);
    }

    /// <summary>This key with another retirement time.</summary>
    /// <param name="retired">When it was retired, or null.</param>
    public PublicSigningKey WithRetired(DateTimeOffset? retired) => new(Ed25519.ToArray(), MLDsa65.ToArray(), Created, retired, Endorsement);

    /// <summary>The key id of a pair of public keys.</summary>
    /// <param name="ed25519">The Ed25519 public key.</param>
    /// <param name="mlDsa65">The ML-DSA-65 public key.</param>
    public static string ComputeKeyId(ReadOnlySpan<byte> ed25519, ReadOnlySpan<byte> mlDsa65)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(ed25519);
        sha.AppendData(mlDsa65);
        return Convert.ToHexStringLower(sha.GetHashAndReset().AsSpan(0, 16));
    }

    /// <summary>Whether both signatures verify over <paramref name="message"/>; which failed, if any.</summary>
    internal (bool Ed25519, bool MLDsa) Verify(byte[] message, byte[] ed25519Signature, byte[] mlDsaSignature)
    {
        var verifiers = t_verifiers ??= new Dictionary<string, (Ed25519Signer, MLDsaSigner)>(StringComparer.Ordinal);
        if (!verifiers.TryGetValue(KeyId, out var pair))
        {
            if (verifiers.Count >= 64)
            {
                verifiers.Clear();
            }

            pair = (new Ed25519Signer(), new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: true));
            pair.Ed25519.Init(false, _ed25519);
            pair.MLDsa.Init(false, _mlDsa);
            verifiers[KeyId] = pair;
        }

        pair.Ed25519.BlockUpdate(message, 0, message.Length);
        var ed = pair.Ed25519.VerifySignature(ed25519Signature);
        pair.MLDsa.BlockUpdate(message, 0, message.Length);
        var ml = pair.MLDsa.VerifySignature(mlDsaSignature);
        return (ed, ml);
    }
}
