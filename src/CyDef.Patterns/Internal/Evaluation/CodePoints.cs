namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>§9.6.2: strings compare by code point, not UTF-16 code unit (they differ above U+FFFF).</summary>
internal static class CodePoints
{
    public static int Compare(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        var common = left.AsSpan(0, length).CommonPrefixLength(right.AsSpan(0, length));
        if (common == length)
        {
            return left.Length.CompareTo(right.Length);
        }

        return Weight(left[common]).CompareTo(Weight(right[common]));
    }

    /// <summary>Surrogates (code points above U+FFFF) sort after every BMP code unit.</summary>
    private static int Weight(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;
}
