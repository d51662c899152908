using System.Text;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// Finds text that every match of a regular expression must contain, for a cheap prefilter before the regex
/// runs. Conservative: alternation, groups, inline options and classes give up or end a run; a character made
/// optional by a quantifier is dropped. Returns "" when it finds nothing certain.
/// </summary>
internal static class RegexLiterals
{
    public static string Required(string regex)
    {
        if (regex.Contains('|', StringComparison.Ordinal) || regex.Contains("(?", StringComparison.Ordinal))
        {
            return "";
        }

        var best = "";
        var run = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < regex.Length; i++)
        {
            var c = regex[i];
            char? literal = null;
            switch (c)
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '[':
                    i = SkipClass(regex, i);
                    break;
                case '\\' when i + 1 < regex.Length:
                    var next = regex[++i];
                    literal = char.IsAsciiLetterOrDigit(next) ? null : next;
                    break;
                default:
                    literal = char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '/' or '@' or ':' or '=' or '%' or '&' or '#' or '~' or ',' or ';' or '\'' or '"' or '<' or '>' or '!' ? c : null;
                    break;
            }

            if (literal is { } ch && depth == 0)
            {
                var quantified = i + 1 < regex.Length && regex[i + 1] is '*' or '?' or '{' or '+';
                if (!quantified || regex[i + 1] == '+')
                {
                    run.Append(ch);
                }

                if (!quantified)
                {
                    continue;
                }
            }

            if (run.Length > best.Length)
            {
                best = run.ToString();
            }

            run.Clear();
        }

        return run.Length > best.Length ? run.ToString() : best;
    }

    private static int SkipClass(string regex, int start)
    {
        var i = start + 1;
        if (i < regex.Length && regex[i] == '^')
        {
            i++;
        }

        if (i < regex.Length && regex[i] == ']')
        {
            i++;
        }

        for (; i < regex.Length; i++)
        {
            if (regex[i] == '\\')
            {
                i++;
            }
            else if (regex[i] == ']')
            {
                return i;
            }
        }

        return regex.Length;
    }
}
