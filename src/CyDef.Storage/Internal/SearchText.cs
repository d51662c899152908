using System.Text;

namespace CyDef.Storage.Internal;

/// <summary>
/// The words that text search matches: runs of letters and digits, lower case, one space between. Both engines get
/// text already split this way, so a query finds the same objects on SQLite (FTS5) and PostgreSQL (tsvector), whose
/// own parsers would disagree (PostgreSQL keeps <c>evil.example.com</c> as one host token).
/// </summary>
internal static class SearchText
{
    /// <summary>The most characters of an object's text that are indexed.</summary>
    public const int MaxLength = 32 * 1024;

    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="builder"/>.</summary>
    public static void AppendWords(StringBuilder builder, string text)
    {
        var inWord = false;
        foreach (var c in text)
        {
            if (builder.Length >= MaxLength)
            {
                return;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (!inWord && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }
    }

    /// <summary>The words of a query, at most 32 of them.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var builder = new StringBuilder();
        AppendWords(builder, text);
        return builder.Length == 0 ? [] : builder.ToString().Split(' ', 32, StringSplitOptions.RemoveEmptyEntries);
    }
}
