namespace CyDef.Stix.Json;

/// <summary>A position in text: characters from the start (0-based), line and column (1-based).</summary>
internal readonly record struct TextPosition(long Offset, long Line, long Column)
{
    public static TextPosition Start { get; } = new(0, 1, 1);

    /// <summary>The position after <paramref name="utf8"/>, counting characters, not bytes.</summary>
    public TextPosition Advance(ReadOnlySpan<byte> utf8)
    {
        var (offset, line, column) = this == default ? Start : this;
        foreach (var b in utf8)
        {
            // UTF-8 continuation bytes (10xxxxxx) do not start a character.
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            offset++;
            if (b == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new TextPosition(offset, line, column);
    }
}
