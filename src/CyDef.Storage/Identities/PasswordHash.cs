using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CyDef.Storage.Identities;

/// <summary>
/// Password hashes: PBKDF2 with HMAC-SHA-256, a random 16-byte salt and 600,000 iterations (OWASP's figure for
/// PBKDF2-SHA-256), written <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64), so that a later count can be read
/// beside older hashes.
/// </summary>
public static class PasswordHash
{
    /// <summary>The iterations of new hashes.</summary>
    public const int Iterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>The hash of a password.</summary>
    /// <param name="password">The password.</param>
    /// <param name="iterations">The iteration count (tests may lower it; the node never does).</param>
    public static string Create(string password, int iterations = Iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> is the one <paramref name="hash"/> was made from (compared in constant time).</summary>
    /// <param name="password">The password given.</param>
    /// <param name="hash">The stored hash; a malformed one matches nothing.</param>
    public static bool Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(hash);
        var parts = hash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
