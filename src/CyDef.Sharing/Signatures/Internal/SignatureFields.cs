using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures.Internal;

/// <summary>The fields of a signature extension, read and checked for form (not for validity).</summary>
internal sealed record SignatureFields(
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

    private static readonly HashSet<string> Known =
    [
        SignatureExtension.ExtensionType, SignatureExtension.SchemeName, SignatureExtension.KeyIdName, SignatureExtension.SignedAtName,
        SignatureExtension.SaltsName, SignatureExtension.WithheldName, SignatureExtension.Ed25519Name, SignatureExtension.MLDsaName,
    ];

    /// <summary>Reads the extension; <paramref name="error"/> says what is wrong when it cannot.</summary>
    public static SignatureFields? Read(StixValue extension, out string error)
    {
        error = "";
        if (!extension.IsObject)
        {
            error = "the signature extension is not an object";
            return null;
        }

        if (extension.Properties.ToArray().FirstOrDefault(p => !Known.Contains(p.Name)) is { Name: { } unknown })
        {
            error = $"the signature extension has a field the scheme does not define: '{unknown}'";
            return null;
        }

        if (extension[SignatureExtension.ExtensionType]?.AsString() != "property-extension")
        {
            error = "the signature extension's extension_type is not 'property-extension'";
            return null;
        }

        if (extension[SignatureExtension.SchemeName]?.AsString() is not SignatureExtension.Scheme)
        {
            error = $"the signature scheme is not '{SignatureExtension.Scheme}'";
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

        return new SignatureFields(keyId, signedAtText!, signedAt, salts, withheld, ed, ml);
    }

    /// <summary>The extension that carries these fields.</summary>
    public StixValue ToExtension()
    {
        var properties = new List<StixProperty>
        {
            new(SignatureExtension.ExtensionType, StixValue.String("property-extension")),
            new(SignatureExtension.SchemeName, StixValue.String(SignatureExtension.Scheme)),
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

        properties.Add(new(SignatureExtension.Ed25519Name, StixValue.String(Convert.ToBase64String(Ed25519))));
        properties.Add(new(SignatureExtension.MLDsaName, StixValue.String(Convert.ToBase64String(MLDsa))));
        return StixValue.Object([.. properties]);
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

    private static byte[]? Bytes(StixValue? value)
    {
        if (value?.AsString() is not { } text)
        {
            return null;
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
