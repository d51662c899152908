namespace CyDef.Patterns.Internal;

/// <summary>The naming rules for object types and property names (STIX 2.1 §3.1, §11.1.1, §11.2.1).</summary>
internal static class ObservableNames
{
    private const int Shortest = 3;
    private const int Longest = 250;

    /// <summary>The kinds of custom name, which differ in prefix and separator.</summary>
    public enum Custom
    {
        TypeName,
        PropertyName,
    }

    /// <summary>§3.1, §11.2.1: a-z, 0-9 and single hyphens, starting with a letter, 3 to 250 characters.</summary>
    public static bool IsTypeName(string name) =>
        name.Length is >= Shortest and <= Longest && char.IsAsciiLetterLower(name[0])
        && !name.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-") && !name.Contains("--", StringComparison.Ordinal);

    /// <summary>§3.1, §11.1.1: a-z, 0-9 and underscore, starting with a letter, 3 to 250 characters.</summary>
    public static bool IsPropertyName(string name) =>
        name.Length is >= Shortest and <= Longest && char.IsAsciiLetterLower(name[0])
        && !name.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>§3.2: the common properties every cyber-observable has, custom ones included (<c>id</c> is two characters).</summary>
    public static bool IsCommonProperty(string name) =>
        name is "type" or "id" or "spec_version" or "object_marking_refs" or "granular_markings" or "defanged" or "extensions";

    public static string Prefix(Custom naming) => naming == Custom.TypeName ? "x-" : "x_";

    /// <summary>The prefix, then a source and a separator before the name: <c>x-acme-thing</c>, <c>x_acme_score</c>.</summary>
    public static bool HasSourcePrefix(string name, Custom naming)
    {
        var separator = naming == Custom.TypeName ? '-' : '_';
        if (!name.StartsWith(Prefix(naming), StringComparison.Ordinal))
        {
            return false;
        }

        // x<sep>.+<sep>.+ : a separator with at least one character on each side after the prefix.
        for (var index = 3; index < name.Length - 1; index++)
        {
            if (name[index] == separator)
            {
                return true;
            }
        }

        return false;
    }
}
