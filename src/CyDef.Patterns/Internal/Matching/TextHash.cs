using System.Numerics;
using System.Runtime.InteropServices;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>
/// Hashes of text eight UTF-16 code units (two 64-bit words) at a time, read from the start (prefixes, whole values)
/// or from the end (suffixes). A pass over a value keeps the state after each block of eight, so that the hash of its
/// prefix — or suffix — of any length costs one more round: <see cref="PathSlot"/> hashes every prefix and suffix
/// length in use in one pass. A round multiplies the state once; the second word's multiplication does not wait on
/// the state, so a round costs about what one word's would. ASCII text in UTF-8 hashes, eight bytes widened to eight
/// code units per round (the <c>Ascii…</c> methods), to exactly what its UTF-16 form hashes to, so that a value can be
/// asked of the filters before it is decoded. Not persisted, not exposed.
/// </summary>
internal static class TextHash
{
    /// <summary>Code units per round.</summary>
    public const int BlockLength = 8;

    public const ulong Seed = 0x243F6A8885A308D3UL;

    /// <summary>Mixes one block into the state: its first four code units (<paramref name="low"/>) and its last four (<paramref name="high"/>).</summary>
    public static ulong Round(ulong state, ulong low, ulong high) =>
        BitOperations.RotateLeft((state ^ low) * 0x9E3779B97F4A7C15UL, 31) ^ (high * 0xC2B2AE3D27D4EB4FUL);

    /// <summary>The state after block <paramref name="index"/> from the start of <paramref name="text"/> (code units 8i to 8i + 7).</summary>
    public static ulong RoundAt(ulong state, ReadOnlySpan<char> text, int index) => Round(state, Word(text, index * BlockLength), Word(text, (index * BlockLength) + 4));

    /// <summary>The state after block <paramref name="index"/> from the end of <paramref name="text"/> (the eight code units ending 8i before its end).</summary>
    public static ulong RoundFromEnd(ulong state, ReadOnlySpan<char> text, int index)
    {
        var start = text.Length - (index * BlockLength) - BlockLength;
        return Round(state, Word(text, start), Word(text, start + 4));
    }

    /// <summary>The hash of a text of <paramref name="length"/> code units: the state after its whole blocks, and the up to seven left over.</summary>
    public static ulong Final(ulong state, ReadOnlySpan<char> rest, int length)
    {
        ulong low = 0, high = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            if (i < 4)
            {
                low |= (ulong)rest[i] << (16 * i);
            }
            else
            {
                high |= (ulong)rest[i] << (16 * (i - 4));
            }
        }

        // At most three code units are left for the high word: its top 16 bits carry the length.
        return Round(state, low, high ^ ((ulong)(ushort)length << 48));
    }

    /// <summary>The hash of the whole text read from its start (as its prefix of its own length).</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var state = Seed;
        var blocks = text.Length / BlockLength;
        for (var i = 0; i < blocks; i++)
        {
            state = RoundAt(state, text, i);
        }

        return Final(state, text[(blocks * BlockLength)..], text.Length);
    }

    /// <summary>The hash of the whole text read from its end (as its suffix of its own length).</summary>
    public static ulong OfReversed(ReadOnlySpan<char> text)
    {
        var state = Seed;
        var blocks = text.Length / BlockLength;
        for (var i = 0; i < blocks; i++)
        {
            state = RoundFromEnd(state, text, i);
        }

        return Final(state, text[..(text.Length - (blocks * BlockLength))], text.Length);
    }

    /// <summary><see cref="RoundAt(ulong, ReadOnlySpan{char}, int)"/> of ASCII text in UTF-8 (on a little-endian machine).</summary>
    public static ulong AsciiRoundAt(ulong state, ReadOnlySpan<byte> text, int index) => AsciiRound(state, text, index * BlockLength);

    /// <summary><see cref="RoundFromEnd(ulong, ReadOnlySpan{char}, int)"/> of ASCII text in UTF-8.</summary>
    public static ulong AsciiRoundFromEnd(ulong state, ReadOnlySpan<byte> text, int index) => AsciiRound(state, text, text.Length - (index * BlockLength) - BlockLength);

    /// <summary><see cref="Final(ulong, ReadOnlySpan{char}, int)"/> for up to seven ASCII bytes.</summary>
    public static ulong AsciiFinal(ulong state, ReadOnlySpan<byte> rest, int length)
    {
        ulong low = 0, high = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            if (i < 4)
            {
                low |= (ulong)rest[i] << (16 * i);
            }
            else
            {
                high |= (ulong)rest[i] << (16 * (i - 4));
            }
        }

        return Round(state, low, high ^ ((ulong)(ushort)length << 48));
    }

    /// <summary><see cref="Of(ReadOnlySpan{char})"/> of ASCII text in UTF-8.</summary>
    public static ulong AsciiOf(ReadOnlySpan<byte> text)
    {
        var state = Seed;
        var blocks = text.Length / BlockLength;
        for (var i = 0; i < blocks; i++)
        {
            state = AsciiRoundAt(state, text, i);
        }

        return AsciiFinal(state, text[(blocks * BlockLength)..], text.Length);
    }

    /// <summary>Four code units from <paramref name="start"/> as they lie in a <see cref="ulong"/>.</summary>
    private static ulong Word(ReadOnlySpan<char> text, int start) => MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(text.Slice(start, 4)));

    /// <summary>A round over the eight ASCII bytes from <paramref name="start"/>, each widened to a code unit.</summary>
    private static ulong AsciiRound(ulong state, ReadOnlySpan<byte> text, int start)
    {
        var bytes = MemoryMarshal.Read<ulong>(text.Slice(start, BlockLength));
        return Round(state, Widen((uint)bytes), Widen((uint)(bytes >> 32)));
    }

    /// <summary>Four bytes into the low byte of four 16-bit lanes, the first byte lowest (as four code units lie in a <see cref="ulong"/>).</summary>
    private static ulong Widen(uint bytes)
    {
        ulong x = bytes;
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFFUL;
        return (x | (x << 8)) & 0x00FF_00FF_00FF_00FFUL;
    }
}
