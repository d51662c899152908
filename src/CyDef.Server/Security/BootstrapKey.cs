using System.Security.Cryptography;
using CyDef.Taxii.Security;

namespace CyDef.Server.Security;

/// <summary>
/// The administrator's key of a node: <c>CYDEF_BOOTSTRAP_API_KEY</c> when set; otherwise, when no key is configured
/// at all, one generated at first start and kept in <see cref="FileName"/> (mode 600) in the data folder, so that a
/// fresh node is never open to anyone and its owner can still reach it.
/// </summary>
public static class BootstrapKey
{
    /// <summary>The environment variable whose value becomes an administrator's key.</summary>
    public const string Variable = "CYDEF_BOOTSTRAP_API_KEY";

    /// <summary>The file of the generated key in the data folder.</summary>
    public const string FileName = "admin-api-key";

    /// <summary>Adds the bootstrap or generated key to <paramref name="keys"/>; returns the path of a generated key file, else null.</summary>
    /// <param name="keys">The configured keys.</param>
    /// <param name="bootstrap">The value of <see cref="Variable"/>.</param>
    /// <param name="dataFolder">The node's data folder.</param>
    public static string? Apply(IList<ApiKeyGrant> keys, string? bootstrap, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!string.IsNullOrWhiteSpace(bootstrap))
        {
            keys.Add(new ApiKeyGrant { Name = "bootstrap-administrator", Key = bootstrap.Trim(), Administrator = true });
            return null;
        }

        if (keys.Any(k => k.Key.Length > 0))
        {
            return null;
        }

        var path = Path.Combine(dataFolder, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataFolder);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, options);
            writer.WriteLine(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        }

        keys.Add(new ApiKeyGrant { Name = "administrator", Key = File.ReadAllText(path).Trim(), Administrator = true });
        return path;
    }
}
