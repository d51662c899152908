using System.Collections.Frozen;

namespace CyDef.Patterns.Internal;

/// <summary>§2.7: the format of a hash value, by algorithm (hash-algorithm-ov, §10.6, and those the reference knows).</summary>
internal static class HashValues
{
    private const int SsdeepLongest = 128;

    // Keyed by the algorithm name in upper case without hyphens, so SHA-256, sha256 and SHA256 are one.
    private static readonly FrozenDictionary<string, (string Name, int Digits)> HexDigits = new Dictionary<string, (string, int)>
    {
        ["MD5"] = ("MD5", 32),
        ["SHA1"] = ("SHA-1", 40),
        ["SHA224"] = ("SHA-224", 56),
        ["SHA256"] = ("SHA-256", 64),
        ["SHA384"] = ("SHA-384", 96),
        ["SHA512"] = ("SHA-512", 128),
        ["SHA3224"] = ("SHA3-224", 56),
        ["SHA3256"] = ("SHA3-256", 64),
        ["SHA3384"] = ("SHA3-384", 96),
        ["SHA3512"] = ("SHA3-512", 128),
        ["RIPEMD160"] = ("RIPEMD-160", 40),
        ["WHIRLPOOL"] = ("WHIRLPOOL", 128),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Why <paramref name="value"/> is not a hash of <paramref name="algorithm"/>, or null (also for unknown algorithms).</summary>
    public static string? Problem(string algorithm, string value)
    {
        var key = algorithm.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (HexDigits.TryGetValue(key, out var format))
        {
            return value.Length == format.Digits && IsHex(value) ? null : $"'{value}' is not a valid {format.Name} hash ({format.Digits} hexadecimal digits)";
        }

        return key switch
        {
            "SSDEEP" when !IsSsdeep(value) => $"'{value}' is not a valid SSDEEP hash",
            "TLSH" when !IsTlsh(value) => $"'{value}' is not a valid TLSH hash (70 hexadecimal digits, optionally after T1)",
            _ => null,
        };
    }

    private static bool IsHex(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept("0123456789abcdefABCDEF");

    private static bool IsSsdeep(string value) =>
        value.Length is > 0 and <= SsdeepLongest && !value.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+:.");

    private static bool IsTlsh(string value) =>
        (value.Length == 70 && IsHex(value)) || (value.Length == 72 && value.StartsWith("T1", StringComparison.Ordinal) && IsHex(value.AsSpan(2)));
}
