using System.Collections.Frozen;
using System.Text.RegularExpressions;
using CyDef.Stix.Catalog;

namespace CyDef.Stix.Validation;

/// <summary>§2.7: a hash value MUST have the format its algorithm defines; the algorithm SHOULD come from hash-algorithm-ov.</summary>
internal static partial class HashFormats
{
    private static readonly FrozenDictionary<string, int> HexLengths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["MD5"] = 32,
        ["SHA-1"] = 40,
        ["SHA-256"] = 64,
        ["SHA-512"] = 128,
        ["SHA3-256"] = 64,
        ["SHA3-512"] = 128,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static void Check(string algorithm, ReadOnlySpan<char> hash, At path, ValidationContext context)
    {
        if (HexLengths.TryGetValue(algorithm, out var length))
        {
            if (hash.Length != length || hash.ContainsAnyExcept(HexDigits))
            {
                context.Error(path.Full, $"'{hash}' is not a valid {algorithm} hash ({length} hexadecimal digits)", "2.7", absolute: true);
            }
        }
        else if (algorithm.Equals("TLSH", StringComparison.OrdinalIgnoreCase) && !Tlsh().IsMatch(hash))
        {
            context.Error(path.Full, $"'{hash}' is not a valid TLSH hash (70 or 72 hexadecimal digits)", "2.7", absolute: true);
        }

        // Custom algorithms named with the x_ prefix (§2.7's own example) are not questioned.
        if (!Vocabularies.HashAlgorithm.Contains(algorithm) && !algorithm.StartsWith("x_", StringComparison.Ordinal))
        {
            context.Warning("hash-algo", path.Full, $"hash algorithm '{algorithm}' is not a value of hash-algorithm-ov", "2.7", absolute: true);
        }
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    // \z, not $, which also matches before a final line break.
    [GeneratedRegex("^(T1)?[0-9a-fA-F]{70}\\z")]
    private static partial Regex Tlsh();
}
