using System.Text;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// SQL LIKE (§9.6.1): <c>%</c> is any run of characters, <c>_</c> exactly one; both sides NFC-normalised; a
/// character is a Unicode code point. Greedy matching with one backtrack point, so time is O(text × pattern) at
/// worst and never exponential.
/// </summary>
internal sealed class Like
{
    private readonly Rune[] _pattern;

    public Like(string pattern)
    {
        Pattern = TryNfc(pattern);
        _pattern = Runes(Pattern);
        Prefix = LiteralRun(0, 1);
        Suffix = LiteralRun(_pattern.Length - 1, -1);
        Literal = LongestLiteral();
    }

    /// <summary>The pattern, NFC-normalised.</summary>
    public string Pattern { get; }

    /// <summary>The literal text every match starts with (empty when the pattern starts with a wildcard).</summary>
    public string Prefix { get; }

    /// <summary>The literal text every match ends with.</summary>
    public string Suffix { get; }

    /// <summary>The longest literal run, which every match contains.</summary>
    public string Literal { get; }

    /// <summary>Whether the pattern is a wildcard-free string.</summary>
    public bool IsExact => Prefix.Length > 0 && Array.TrueForAll(_pattern, r => r.Value is not ('%' or '_'));

    /// <summary>
    /// Whether the runtime can normalise Unicode: a process in globalization-invariant mode (no ICU) cannot, and
    /// would silently leave text as it is.
    /// </summary>
    public static bool CanNormalize { get; } = "d\u0323\u0307".Normalize(NormalizationForm.FormC) == "\u1e0d\u0307";

    /// <summary>§9.6.1: LIKE and MATCHES compare NFC forms. ASCII text is its own NFC form.</summary>
    /// <summary>The NFC form where the runtime can give it; otherwise the text itself (evaluation then fails in <see cref="Nfc"/>).</summary>
    public static string TryNfc(string text) => CanNormalize || System.Text.Ascii.IsValid(text) ? Nfc(text) : text;

    public static string Nfc(string text)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            return text;
        }

        if (!CanNormalize)
        {
            throw new EvaluationException("LIKE and MATCHES on non-ASCII text need Unicode normalisation (NFC), which this process lacks: it runs in globalization-invariant mode without ICU");
        }

        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    public bool IsMatch(string value, bool normalize = true)
    {
        if (normalize && !CanNormalize)
        {
            Nfc(Pattern);
        }

        var text = Runes(normalize ? Nfc(value) : value);
        int t = 0, p = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < _pattern.Length && _pattern[p].Value == '%')
            {
                star = p++;
                resume = t;
            }
            else if (p < _pattern.Length && (_pattern[p].Value == '_' || _pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < _pattern.Length && _pattern[p].Value == '%')
        {
            p++;
        }

        return p == _pattern.Length;
    }

    private static Rune[] Runes(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            var simple = new Rune[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                simple[i] = new Rune(text[i]);
            }

            return simple;
        }

        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(rune);
        }

        return runes.ToArray();
    }

    private string LiteralRun(int from, int step)
    {
        var builder = new StringBuilder();
        for (var i = from; i >= 0 && i < _pattern.Length && _pattern[i].Value is not ('%' or '_'); i += step)
        {
            if (step > 0)
            {
                builder.Append(_pattern[i].ToString());
            }
            else
            {
                builder.Insert(0, _pattern[i].ToString());
            }
        }

        return builder.ToString();
    }

    private string LongestLiteral()
    {
        string best = "";
        var current = new StringBuilder();
        foreach (var rune in _pattern)
        {
            if (rune.Value is '%' or '_')
            {
                current.Clear();
                continue;
            }

            current.Append(rune.ToString());
            if (current.Length > best.Length)
            {
                best = current.ToString();
            }
        }

        return best;
    }
}
