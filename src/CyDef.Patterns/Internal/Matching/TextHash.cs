using System.Numerics;
using System.Runtime.InteropServices;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>
/// Hashes of text four UTF-16 code units (64 bits) at a time, read from the start (prefixes, whole values) or from the
/// end (suffixes). A pass over a value keeps the state after each block of four, so that the hash of its prefix — or
/// suffix — of any length costs one more round: <see cref="PathSlot"/> hashes every prefix and suffix length in use
/// in one pass, a quarter of the multiplications of a hash per code unit. ASCII text in UTF-8 hashes, four bytes
/// widened to four code units per round (the <c>Ascii…</c> methods), to exactly what its UTF-16 form hashes to, so that
/// a value can be asked of the filters before it is decoded. Not persisted, not exposed.
/// </summary>
internal static class TextHash
{
    public const ulong Seed = 0x243F6A8885A308D3UL;

    /// <summary>Mixes one block of four code units into the state.</summary>
    public static ulong Round(ulong state, ulong block) => BitOperations.RotateLeft((state ^ block) * 0x9E3779B97F4A7C15UL, 31);

    /// <summary>Block <paramref name="index"/> from the start of <paramref name="text"/> (code units 4i to 4i + 3).</summary>
    public static ulong BlockAt(ReadOnlySpan<char> text, int index) => MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(text.Slice(index * 4, 4)));

    /// <summary>Block <paramref name="index"/> from the end of <paramref name="text"/> (the four code units ending 4i before its end).</summary>
    public static ulong BlockFromEnd(ReadOnlySpan<char> text, int index) => MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(text.Slice(text.Length - (index * 4) - 4, 4)));

    /// <summary>The hash of a text of <paramref name="length"/> code units: the state after its whole blocks, and the up to three left over.</summary>
    public static ulong Final(ulong state, ReadOnlySpan<char> rest, int length)
    {
        ulong tail = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            tail |= (ulong)rest[i] << (16 * i);
        }

        return Round(state, tail ^ ((ulong)(ushort)length << 48));
    }

    /// <summary>The hash of the whole text read from its start (as its prefix of its own length).</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var state = Seed;
        var blocks = text.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            state = Round(state, BlockAt(text, i));
        }

        return Final(state, text[(blocks * 4)..], text.Length);
    }

    /// <summary>The hash of the whole text read from its end (as its suffix of its own length).</summary>
    public static ulong OfReversed(ReadOnlySpan<char> text)
    {
        var state = Seed;
        var blocks = text.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            state = Round(state, BlockFromEnd(text, i));
        }

        return Final(state, text[..(text.Length - (blocks * 4))], text.Length);
    }

    /// <summary>Block <paramref name="index"/> from the start of ASCII text in UTF-8: equal to <see cref="BlockAt(ReadOnlySpan{char}, int)"/> of its UTF-16 form (on a little-endian machine).</summary>
    public static ulong AsciiBlockAt(ReadOnlySpan<byte> text, int index) => Widen(MemoryMarshal.Read<uint>(text.Slice(index * 4, 4)));

    /// <summary>Block <paramref name="index"/> from the end of ASCII text in UTF-8: equal to <see cref="BlockFromEnd(ReadOnlySpan{char}, int)"/> of its UTF-16 form.</summary>
    public static ulong AsciiBlockFromEnd(ReadOnlySpan<byte> text, int index) => Widen(MemoryMarshal.Read<uint>(text.Slice(text.Length - (index * 4) - 4, 4)));

    /// <summary><see cref="Final(ulong, ReadOnlySpan{char}, int)"/> for up to three ASCII bytes.</summary>
    public static ulong AsciiFinal(ulong state, ReadOnlySpan<byte> rest, int length)
    {
        ulong tail = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            tail |= (ulong)rest[i] << (16 * i);
        }

        return Round(state, tail ^ ((ulong)(ushort)length << 48));
    }

    /// <summary><see cref="Of(ReadOnlySpan{char})"/> of ASCII text in UTF-8.</summary>
    public static ulong AsciiOf(ReadOnlySpan<byte> text)
    {
        var state = Seed;
        var blocks = text.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            state = Round(state, AsciiBlockAt(text, i));
        }

        return AsciiFinal(state, text[(blocks * 4)..], text.Length);
    }

    /// <summary>Four bytes into the low byte of four 16-bit lanes, the first byte lowest (as four code units lie in a <see cref="ulong"/>).</summary>
    private static ulong Widen(uint bytes)
    {
        ulong x = bytes;
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFFUL;
        return (x | (x << 8)) & 0x00FF_00FF_00FF_00FFUL;
    }
}
