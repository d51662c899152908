using System.Numerics;
using System.Runtime.Intrinsics;

namespace CyDef.Stix.Json;

/// <summary>A position in text: characters from the start (0-based), line and column (1-based).</summary>
internal readonly record struct TextPosition(long Offset, long Line, long Column)
{
    public static TextPosition Start { get; } = new(0, 1, 1);

    /// <summary>The position after <paramref name="utf8"/>, counting characters, not bytes.</summary>
    public TextPosition Advance(ReadOnlySpan<byte> utf8)
    {
        var (offset, line, column) = this == default ? Start : this;
        var newlines = utf8.Count((byte)'\n');
        if (newlines > 0)
        {
            var last = utf8.LastIndexOf((byte)'\n');
            line += newlines;
            column = 1 + Characters(utf8[(last + 1)..]);
        }
        else
        {
            column += Characters(utf8);
        }

        return new TextPosition(offset + Characters(utf8), line, column);
    }

    /// <summary>A position found in a slice of text, placed after this position (where the slice starts).</summary>
    public TextPosition Then(long offset, long line, long column) =>
        line == 1 ? new(Offset + offset, Line, Column + column - 1) : new(Offset + offset, Line + line - 1, column);

    // UTF-8 continuation bytes (10xxxxxx) do not start a character; ASCII text (the common case) is checked at vector speed.
    private static long Characters(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            return utf8.Length;
        }

        // Text that is not all ASCII: its length less its continuation bytes, which are below -64 as signed bytes.
        long continuations = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var below = Vector256.Create((sbyte)-64);
            for (; i <= utf8.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var block = Vector256.Create(utf8.Slice(i, Vector256<byte>.Count)).AsSByte();
                continuations += BitOperations.PopCount(Vector256.LessThan(block, below).ExtractMostSignificantBits());
            }
        }

        for (; i < utf8.Length; i++)
        {
            continuations += (utf8[i] & 0xC0) == 0x80 ? 1 : 0;
        }

        return utf8.Length - continuations;
    }
}
