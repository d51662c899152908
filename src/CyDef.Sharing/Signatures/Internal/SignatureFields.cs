using System.Buffers;
using System.Buffers.Text;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures.Internal;

/// <summary>
/// The fields of a signature extension, read and checked for form (not for validity). <see cref="Proof"/> is the
/// object's place in its batch's Merkle tree (<see cref="SignatureExtension.Scheme"/>), or null for a signature of
/// the object alone (<see cref="SignatureExtension.SingleScheme"/>).
/// </summary>
internal sealed record SignatureFields(
    BatchProof? Proof,
    string KeyId,
    string SignedAtText,
    DateTimeOffset SignedAt,
    Dictionary<string, byte[]> Salts,
    List<byte[]> Withheld,
    byte[] Ed25519,
    byte[] MLDsa)
{
    public const int SaltLength = 16;

    private const int CommitmentLength = 48;

    // More parts than any object has: a bound on the work a hostile extension can ask for.
    private const int MaxParts = 4096;

    // The largest tree size read: every integer up to it survives canonical JSON (RFC 8785) exactly.
    private const long MaxTreeSize = 1L << 53;

    private static readonly HashSet<string> KnownSingle =
    [
        SignatureExtension.ExtensionType, SignatureExtension.SchemeName, SignatureExtension.KeyIdName, SignatureExtension.SignedAtName,
        SignatureExtension.SaltsName, SignatureExtension.WithheldName, SignatureExtension.Ed25519Name, SignatureExtension.MLDsaName,
    ];

    private static readonly HashSet<string> KnownBatch =
    [
        .. KnownSingle, SignatureExtension.LeafSaltName, SignatureExtension.TreeSizeName, SignatureExtension.LeafIndexName, SignatureExtension.AuditPathName,
    ];

    /// <summary>The scheme these fields belong to.</summary>
    public string Scheme => Proof is null ? SignatureExtension.SingleScheme : SignatureExtension.Scheme;

    /// <summary>Reads the extension; <paramref name="error"/> says what is wrong when it cannot.</summary>
    public static SignatureFields? Read(StixValue extension, out string error)
    {
        error = "";
        if (!extension.IsObject)
        {
            error = "the signature extension is not an object";
            return null;
        }

        var scheme = extension[SignatureExtension.SchemeName]?.AsString();
        if (scheme is not (SignatureExtension.Scheme or SignatureExtension.SingleScheme))
        {
            error = $"the signature scheme is not '{SignatureExtension.Scheme}' (nor '{SignatureExtension.SingleScheme}')";
            return null;
        }

        var known = scheme == SignatureExtension.Scheme ? KnownBatch : KnownSingle;
        foreach (var property in extension.Properties)
        {
            if (!known.Contains(property.Name))
            {
                error = $"the signature extension has a field the scheme does not define: '{property.Name}'";
                return null;
            }
        }

        if (extension[SignatureExtension.ExtensionType]?.AsString() != "property-extension")
        {
            error = "the signature extension's extension_type is not 'property-extension'";
            return null;
        }

        var keyId = extension[SignatureExtension.KeyIdName]?.AsString();
        var signedAtText = extension[SignatureExtension.SignedAtName]?.AsString();
        if (keyId is null || !Times.TryParse(signedAtText, out var signedAt))
        {
            error = "the signature has no key_id or no valid signed_at";
            return null;
        }

        var ed = Bytes(extension[SignatureExtension.Ed25519Name]);
        var ml = Bytes(extension[SignatureExtension.MLDsaName]);
        var salts = ReadSalts(extension[SignatureExtension.SaltsName]);
        var withheld = ReadWithheld(extension[SignatureExtension.WithheldName]);
        if (ed is null || ml is null || salts is null || withheld is null)
        {
            error = "the signature's ed25519, ml_dsa_65, salts or withheld are not what the scheme says (base64 of the right lengths)";
            return null;
        }

        var proof = scheme == SignatureExtension.Scheme ? ReadProof(extension) : null;
        if (scheme == SignatureExtension.Scheme && proof is null)
        {
            error = "the signature's leaf_salt, tree_size, leaf_index or audit_path are not what the scheme says (base64 of 16 bytes; integers; base64 SHA-256 hashes)";
            return null;
        }

        return new SignatureFields(proof, keyId, signedAtText!, signedAt, salts, withheld, ed, ml);
    }

    /// <summary>The extension that carries these fields.</summary>
    /// <param name="signatures">The signatures already in base64, shared by the objects of a batch (or null).</param>
    public StixValue ToExtension((StixValue Ed25519, StixValue MLDsa)? signatures = null)
    {
        var properties = new List<StixProperty>
        {
            new(SignatureExtension.ExtensionType, StixValue.String("property-extension")),
            new(SignatureExtension.SchemeName, StixValue.String(Scheme)),
            new(SignatureExtension.KeyIdName, StixValue.String(KeyId)),
            new(SignatureExtension.SignedAtName, StixValue.String(SignedAtText)),
        };
        if (Salts.Count > 0)
        {
            properties.Add(new(SignatureExtension.SaltsName, StixValue.Object(Salts
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new StixProperty(s.Key, StixValue.String(Convert.ToBase64String(s.Value)))).ToArray())));
        }

        if (Withheld.Count > 0)
        {
            properties.Add(new(SignatureExtension.WithheldName, StixValue.Array(Withheld.Select(Convert.ToBase64String).Order(StringComparer.Ordinal))));
        }

        if (Proof is { } proof)
        {
            properties.Add(new(SignatureExtension.LeafSaltName, StixValue.String(Convert.ToBase64String(proof.LeafSalt))));
            properties.Add(new(SignatureExtension.TreeSizeName, StixValue.Number(proof.TreeSize)));
            properties.Add(new(SignatureExtension.LeafIndexName, StixValue.Number(proof.LeafIndex)));
            properties.Add(new(SignatureExtension.AuditPathName, StixValue.Array(proof.AuditPath.Select(h => StixValue.String(Convert.ToBase64String(h))).ToArray())));
        }

        properties.Add(new(SignatureExtension.Ed25519Name, signatures?.Ed25519 ?? StixValue.String(Convert.ToBase64String(Ed25519))));
        properties.Add(new(SignatureExtension.MLDsaName, signatures?.MLDsa ?? StixValue.String(Convert.ToBase64String(MLDsa))));
        return StixValue.Object([.. properties]);
    }

    private static BatchProof? ReadProof(StixValue extension)
    {
        if (Bytes(extension[SignatureExtension.LeafSaltName]) is not { Length: SaltLength } leafSalt
            || extension[SignatureExtension.TreeSizeName] is not { } size || !size.TryGetInt64(out var treeSize) || treeSize is < 1 or > MaxTreeSize
            || extension[SignatureExtension.LeafIndexName] is not { } index || !index.TryGetInt64(out var leafIndex) || leafIndex < 0
            || extension[SignatureExtension.AuditPathName] is not { IsArray: true, Count: <= MerkleTree.MaxPathLength } list)
        {
            return null;
        }

        var path = new List<byte[]>(list.Count);
        foreach (var item in list.Items)
        {
            if (Bytes(item) is not { Length: MerkleTree.HashLength } hash)
            {
                return null;
            }

            path.Add(hash);
        }

        return new BatchProof(leafSalt, treeSize, leafIndex, path);
    }

    private static Dictionary<string, byte[]>? ReadSalts(StixValue? value)
    {
        var salts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (value is null)
        {
            return salts;
        }

        if (!value.IsObject || value.Count > MaxParts)
        {
            return null;
        }

        foreach (var (unit, salt) in value.Properties)
        {
            if (Bytes(salt) is not { Length: SaltLength } bytes || ObjectPaths.UnitOf(unit) != unit)
            {
                return null;
            }

            salts[unit] = bytes;
        }

        return salts;
    }

    private static List<byte[]>? ReadWithheld(StixValue? value)
    {
        if (value is null)
        {
            return [];
        }

        if (value.Count > MaxParts)
        {
            return null;
        }

        var withheld = new List<byte[]>();
        foreach (var item in value.IsArray ? value.Items : [])
        {
            if (Bytes(item) is not { Length: CommitmentLength } bytes)
            {
                return null;
            }

            withheld.Add(bytes);
        }

        return value.IsArray ? withheld : null;
    }

    /// <summary>
    /// The bytes a base64 string stands for, decoded from its UTF-8 text when the reader left it undecoded (no UTF-16
    /// string is made). The signatures of a batch repeat in each of its objects: the last ones decoded are handed out
    /// again (<see cref="Decoded"/>), so the arrays are shared and never changed.
    /// </summary>
    private static byte[]? Bytes(StixValue? value)
    {
        if (value is null || !value.IsString)
        {
            return null;
        }

        if (value.TryGetUtf8(out var utf8))
        {
            return Decoded.Get(utf8);
        }

        var text = value.GetString();
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>The last long base64 texts decoded on this thread (the batch's Ed25519 and ML-DSA-65 signatures) and their bytes.</summary>
    private static class Decoded
    {
        // Shorter texts (salts, audit path hashes) differ from object to object: not worth remembering.
        private const int MinRemembered = 64;
        private const int Slots = 4;

        [ThreadStatic]
        private static (byte[] Text, byte[] Bytes)[]? t_slots;

        [ThreadStatic]
        private static int t_next;

        public static byte[]? Get(ReadOnlySpan<byte> text)
        {
            if (text.Length < MinRemembered)
            {
                return Decode(text);
            }

            var slots = t_slots ??= new (byte[], byte[])[Slots];
            foreach (var (known, bytes) in slots)
            {
                if (known is not null && text.SequenceEqual(known))
                {
                    return bytes;
                }
            }

            if (Decode(text) is not { } decoded)
            {
                return null;
            }

            slots[t_next] = (text.ToArray(), decoded);
            t_next = (t_next + 1) % Slots;
            return decoded;
        }

        private static byte[]? Decode(ReadOnlySpan<byte> text)
        {
            if (!Base64.IsValid(text, out var length))
            {
                return null;
            }

            var bytes = new byte[length];
            return Base64.DecodeFromUtf8(text, bytes, out _, out var written) == OperationStatus.Done && written == length ? bytes : null;
        }
    }
}
