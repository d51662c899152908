using CyDef.Patterns.Internal.Evaluation;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>
/// What every path's filters ask of an ASCII value, read once (<see cref="PathSlot.MayHold(ReadOnlySpan{byte}, in AsciiValue)"/>):
/// its exact-value key, and whether it is an IPv4 address or holds a colon or a slash (for CIDR blocks).
/// </summary>
internal readonly struct AsciiValue
{
    private AsciiValue(ulong exactKey, bool isIpv4, uint ipv4, bool colonOrSlash)
    {
        ExactKey = exactKey;
        IsIpv4 = isIpv4;
        Ipv4 = ipv4;
        ColonOrSlash = colonOrSlash;
    }

    /// <summary>The key the exact-value filters hold for this text (the hash of its UTF-16 form, computed on the bytes).</summary>
    public ulong ExactKey { get; }

    public bool IsIpv4 { get; }

    public uint Ipv4 { get; }

    public bool ColonOrSlash { get; }

    /// <summary>The facts of <paramref name="utf8"/>; false when it is not ASCII (or the machine is big-endian), and the filters cannot be asked on bytes.</summary>
    /// <param name="utf8">The value.</param>
    /// <param name="knownAscii">The caller knows the value is ASCII (it is not checked again).</param>
    /// <param name="forCidr">Whether the address facts are wanted (a path asked has CIDR blocks); when not, they are left unread.</param>
    /// <param name="value">The facts.</param>
    public static bool TryRead(ReadOnlySpan<byte> utf8, bool knownAscii, bool forCidr, out AsciiValue value)
    {
        if (!BitConverter.IsLittleEndian || !(knownAscii || System.Text.Ascii.IsValid(utf8)))
        {
            value = default;
            return false;
        }

        var colonOrSlash = forCidr && utf8.IndexOfAny((byte)':', (byte)'/') >= 0;
        uint ipv4 = 0;
        var isIpv4 = forCidr && !colonOrSlash && IpNetwork.TryParseV4(utf8, out ipv4);
        value = new AsciiValue(KeyFilter.Finish(TextHash.AsciiOf(utf8), AnchorKind.Exact), isIpv4, ipv4, colonOrSlash);
        return true;
    }
}
