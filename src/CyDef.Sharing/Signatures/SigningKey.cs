using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// A node's signing key with its private halves: an Ed25519 key and an ML-DSA-65 key, kept as their 32-byte seeds.
/// Thread-safe. <see cref="NodeSigningKeys"/> keeps them in a node's data folder.
/// </summary>
public sealed class SigningKey
{
    private const int SeedLength = 32;

    [ThreadStatic]
    private static Dictionary<string, (Ed25519Signer Ed25519, MLDsaSigner MLDsa)>? t_signers;

    private readonly byte[] _ed25519Seed;
    private readonly byte[] _mlDsaSeed;
    private readonly Ed25519PrivateKeyParameters _ed25519;
    private readonly MLDsaPrivateKeyParameters _mlDsa;

    private SigningKey(byte[] ed25519Seed, byte[] mlDsaSeed, DateTimeOffset created, DateTimeOffset? retired, KeyEndorsement? endorsement)
    {
        _ed25519Seed = ed25519Seed;
        _mlDsaSeed = mlDsaSeed;
        _ed25519 = new Ed25519PrivateKeyParameters(ed25519Seed);
        _mlDsa = MLDsaPrivateKeyParameters.FromSeed(MLDsaParameters.ml_dsa_65, mlDsaSeed);
        Public = PublicSigningKey.Create(_ed25519.GeneratePublicKey().GetEncoded(), _mlDsa.GetPublicKeyEncoded(), created, retired, endorsement);
    }

    /// <summary>The public half, with the same id, creation and retirement.</summary>
    public PublicSigningKey Public { get; }

    /// <summary>The key id (see <see cref="PublicSigningKey.KeyId"/>).</summary>
    public string KeyId => Public.KeyId;

    /// <summary>When the key was created.</summary>
    public DateTimeOffset Created => Public.Created;

    /// <summary>When the key was retired, or null while it is current.</summary>
    public DateTimeOffset? Retired => Public.Retired;

    /// <summary>A new key from fresh randomness.</summary>
    /// <param name="created">Its creation time.</param>
    public static SigningKey Generate(DateTimeOffset created) =>
        new(RandomNumberGenerator.GetBytes(SeedLength), RandomNumberGenerator.GetBytes(SeedLength), created, null, null);

    /// <summary>A key from its two seeds, as <see cref="NodeSigningKeys"/> stores them.</summary>
    /// <param name="ed25519Seed">The Ed25519 private key (RFC 8032 seed, 32 bytes).</param>
    /// <param name="mlDsaSeed">The ML-DSA-65 key generation seed ξ (FIPS 204, 32 bytes).</param>
    /// <param name="created">When it was created.</param>
    /// <param name="retired">When it was retired, if it was.</param>
    /// <param name="endorsement">The previous key's endorsement, if a rotation made it.</param>
    /// <exception cref="ArgumentException">A seed is not 32 bytes.</exception>
    public static SigningKey FromSeeds(ReadOnlySpan<byte> ed25519Seed, ReadOnlySpan<byte> mlDsaSeed, DateTimeOffset created, DateTimeOffset? retired, KeyEndorsement? endorsement = null)
    {
        if (ed25519Seed.Length != SeedLength || mlDsaSeed.Length != SeedLength)
        {
            throw new ArgumentException($"a signing key's seeds are {SeedLength} bytes each");
        }

        return new SigningKey(ed25519Seed.ToArray(), mlDsaSeed.ToArray(), created, retired, endorsement);
    }

    /// <summary>This key retired at <paramref name="retired"/>.</summary>
    /// <param name="retired">When.</param>
    public SigningKey WithRetired(DateTimeOffset? retired) => new(_ed25519Seed, _mlDsaSeed, Created, retired, Public.Endorsement);

    /// <summary>This key endorsed by <paramref name="endorser"/>.</summary>
    /// <param name="endorser">The key that vouches for it.</param>
    public SigningKey EndorsedBy(SigningKey endorser) =>
        new(_ed25519Seed, _mlDsaSeed, Created, Retired, KeyEndorsement.Create(endorser, Public));

    internal ReadOnlySpan<byte> Ed25519Seed => _ed25519Seed;

    internal ReadOnlySpan<byte> MLDsaSeed => _mlDsaSeed;

    /// <summary>The Ed25519 and ML-DSA-65 signatures of <paramref name="message"/> (ML-DSA hedged, with fresh randomness).</summary>
    internal (byte[] Ed25519, byte[] MLDsa) Sign(byte[] message)
    {
        var signers = t_signers ??= new Dictionary<string, (Ed25519Signer, MLDsaSigner)>(StringComparer.Ordinal);
        if (!signers.TryGetValue(KeyId, out var pair))
        {
            if (signers.Count >= 16)
            {
                signers.Clear();
            }

            pair = (new Ed25519Signer(), new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false));
            pair.Ed25519.Init(true, _ed25519);
            pair.MLDsa.Init(true, new ParametersWithRandom(_mlDsa, new SecureRandom()));
            signers[KeyId] = pair;
        }

        pair.Ed25519.BlockUpdate(message, 0, message.Length);
        var ed = pair.Ed25519.GenerateSignature();
        pair.MLDsa.BlockUpdate(message, 0, message.Length);
        return (ed, pair.MLDsa.GenerateSignature());
    }
}
