using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Net.Sockets;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>An IPv4 or IPv6 address or CIDR block (§6.4, §6.5) as a 128-bit prefix, for ISSUBSET and ISSUPERSET.</summary>
internal readonly record struct IpNetwork(bool IsV6, UInt128 Address, int PrefixLength)
{
    public int Width => IsV6 ? 128 : 32;

    /// <summary>Whether <paramref name="inner"/> lies wholly inside this block (§9.6.1: identical blocks count).</summary>
    public bool Contains(IpNetwork inner) =>
        IsV6 == inner.IsV6 && PrefixLength <= inner.PrefixLength && Mask(inner.Address, PrefixLength) == Mask(Address, PrefixLength);

    public UInt128 Masked => Mask(Address, PrefixLength);

    private UInt128 Mask(UInt128 address, int length) =>
        length == 0 ? UInt128.Zero : address & (UInt128.MaxValue << (Width - length)) & (IsV6 ? UInt128.MaxValue : uint.MaxValue);

    public static bool TryParse(ReadOnlySpan<char> text, out IpNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/');
        var address = slash < 0 ? text : text[..slash];
        var isV6 = address.Contains(':');
        UInt128 value;
        if (isV6)
        {
            if (address.ContainsAnyExcept("0123456789abcdefABCDEF:.") || !IPAddress.TryParse(address, out var parsed)
                || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            Span<byte> bytes = stackalloc byte[16];
            parsed.TryWriteBytes(bytes, out _);
            value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        }
        else if (TryParseV4(address, out var v4))
        {
            value = v4;
        }
        else
        {
            return false;
        }

        var width = isV6 ? 128 : 32;
        var prefix = width;
        if (slash >= 0)
        {
            var digits = text[(slash + 1)..];
            if (digits.Length is 0 or > 3 || digits.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            prefix = int.Parse(digits, CultureInfo.InvariantCulture);
            if (prefix > width)
            {
                return false;
            }
        }

        network = new IpNetwork(isV6, value, prefix);
        return true;
    }

    /// <summary>Four decimal octets, nothing else: in UTF-16 or, with the same answer, in ASCII bytes.</summary>
    public static bool TryParseV4<T>(ReadOnlySpan<T> text, out uint value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        var parts = 0;
        var octet = -1;
        foreach (var unit in text)
        {
            var c = uint.CreateTruncating(unit);
            if (c == '.')
            {
                if (octet < 0 || ++parts > 3)
                {
                    return false;
                }

                value = (value << 8) | (uint)octet;
                octet = -1;
            }
            else if (c - '0' <= 9)
            {
                octet = octet < 0 ? (int)(c - '0') : (octet * 10) + (int)(c - '0');
                if (octet > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (octet < 0 || parts != 3)
        {
            return false;
        }

        value = (value << 8) | (uint)octet;
        return true;
    }
}
