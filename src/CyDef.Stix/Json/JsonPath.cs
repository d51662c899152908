using System.Globalization;

namespace CyDef.Stix.Json;

/// <summary>Builds JSONPath strings (<c>$.objects[2].name</c>, <c>$['odd key']</c>) for error locations.</summary>
public static class JsonPath
{
    /// <summary>The path of a property of the object at <paramref name="parent"/>.</summary>
    /// <param name="parent">The object's path.</param>
    /// <param name="name">The property name.</param>
    public static string Property(string parent, string name) =>
        IsPlainName(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>The path of an item of the array at <paramref name="parent"/>.</summary>
    /// <param name="parent">The array's path.</param>
    /// <param name="index">The item's index.</param>
    public static string Index(string parent, int index) =>
        string.Concat(parent, "[", index.ToString(CultureInfo.InvariantCulture), "]");

    /// <summary>
    /// Joins an object's path and a relative location: <c>""</c> (the object itself), a property name,
    /// or a relative path that starts with a name or <c>[</c> and may contain <c>.</c>.
    /// </summary>
    /// <param name="parent">The object's path.</param>
    /// <param name="relative">The relative location.</param>
    public static string Combine(string parent, string relative) => relative.Length switch
    {
        0 => parent,
        _ when relative[0] == '[' => parent + relative,
        _ when IsRelativePath(relative) => $"{parent}.{relative}",
        _ => Property(parent, relative),
    };

    private static bool IsRelativePath(string relative)
    {
        foreach (var c in relative)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '[' or ']'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
