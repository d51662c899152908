using System.Text;

namespace CyDef.Patterns.Internal;

/// <summary>The content of hex, binary and string constants: checking and decoding.</summary>
internal static class LiteralFormats
{
    /// <summary>HexLiteral: <c>TwoHexDigits*</c> (the empty constant <c>h''</c> included).</summary>
    public static bool IsHex(ReadOnlySpan<char> content) => content.Length % 2 == 0 && !content.ContainsAnyExcept(HexDigits);

    /// <summary>
    /// BinaryLiteral: groups of four base64 characters, the last of which may end in <c>=</c> or <c>==</c>; at least one
    /// group. STIX 2.1 §9.2: line feeds in the base64 data MUST be supported and ignored, so CR and LF are skipped
    /// (the grammar does not allow them, but the specification requires it).
    /// </summary>
    public static bool IsBase64(ReadOnlySpan<char> content)
    {
        int count = 0, padding = 0;
        foreach (var c in content)
        {
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (c == '=')
            {
                padding++;
            }
            else if (padding > 0 || !IsBase64Char(c))
            {
                return false;
            }

            count++;
        }

        return count > 0 && count % 4 == 0 && padding <= 2;
    }

    public static byte[] DecodeHex(ReadOnlySpan<char> content) => Convert.FromHexString(content);

    public static byte[] DecodeBase64(ReadOnlySpan<char> content)
    {
        // Convert skips white space (CR and LF included); the content has been checked by IsBase64.
        var bytes = new byte[(content.Length / 4 * 3) + 3];
        return Convert.TryFromBase64Chars(content, bytes, out var written) ? bytes[..written] : [];
    }

    /// <summary>The value of a StringLiteral's content: <c>\'</c> and <c>\\</c> stand for <c>'</c> and <c>\</c>.</summary>
    public static string Unescape(ReadOnlySpan<char> content)
    {
        var backslash = content.IndexOf('\\');
        if (backslash < 0)
        {
            return content.ToString();
        }

        var builder = new StringBuilder(content.Length);
        for (var index = 0; index < content.Length; index++)
        {
            if (content[index] == '\\' && index + 1 < content.Length)
            {
                index++;
            }

            builder.Append(content[index]);
        }

        return builder.ToString();
    }

    /// <summary>A string value as a StringLiteral, apostrophes and backslashes escaped.</summary>
    public static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('\'');
        foreach (var c in value)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('\'');
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/';

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
