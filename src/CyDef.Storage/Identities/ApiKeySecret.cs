using System.Security.Cryptography;
using System.Text;

namespace CyDef.Storage.Identities;

/// <summary>
/// The secrets of directory API keys: <c>cydef_</c> and 32 random bytes in base64url (256 bits). The directory keeps
/// only their SHA-256 and a prefix. A key is found by its hash through an index: with 256 random bits a hash needs no
/// salt nor a slow function (nobody can guess a key from its hash or try keys faster than the node answers), and
/// the time a look-up takes depends on the hash, which tells nothing of any stored key.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>The start of every secret.</summary>
    public const string Marker = "cydef_";

    /// <summary>How many characters of a secret are kept and shown.</summary>
    public const int PrefixLength = 14;

    /// <summary>A new secret.</summary>
    public static string Create() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of a secret's UTF-8 bytes, lower-case hex.</summary>
    /// <param name="secret">The secret.</param>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>The visible prefix of a secret.</summary>
    /// <param name="secret">The secret.</param>
    public static string Prefix(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret[..Math.Min(PrefixLength, secret.Length)];
    }

    /// <summary>Whether two hashes (hex) are equal, compared in constant time.</summary>
    /// <param name="a">One hash.</param>
    /// <param name="b">The other.</param>
    public static bool HashesEqual(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
