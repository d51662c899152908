using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CyDef.Patterns.Internal;

/// <summary>IPv4 and IPv6 addresses and CIDR blocks as written in ipv4-addr and ipv6-addr values (§6.4, §6.5).</summary>
internal static class IpText
{
    public static bool IsAddressOrSubnet(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        var isV6 = address.Contains(':');
        if (!(isV6 ? IsIPv6(address) : IsIPv4(address)))
        {
            return false;
        }

        if (slash < 0)
        {
            return true;
        }

        var prefix = text.AsSpan(slash + 1);
        return prefix.Length is > 0 and <= 3 && !prefix.ContainsAnyExceptInRange('0', '9')
            && int.Parse(prefix, CultureInfo.InvariantCulture) <= (isV6 ? 128 : 32);
    }

    /// <summary>Four decimal octets (IPAddress.TryParse also takes forms such as "1" and "0x7f.1", which are not meant here).</summary>
    private static bool IsIPv4(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (++parts > 4 || part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9') || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    private static bool IsIPv6(ReadOnlySpan<char> text) =>
        !text.ContainsAnyExcept("0123456789abcdefABCDEF:.")
        && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
}
