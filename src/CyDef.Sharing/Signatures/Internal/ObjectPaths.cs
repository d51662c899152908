using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures.Internal;

/// <summary>
/// Paths into an object as the sharing policy removes them: a granular-marking selector cut before its first list
/// step (a selector into a list removes the whole list), and removal that drops an object emptied by it.
/// </summary>
internal static class ObjectPaths
{
    /// <summary>The part a selector removes, as a dotted key (the policy's unit of redaction), or null if the selector is invalid.</summary>
    public static string? UnitOf(string selector)
    {
        var steps = selector.Split('.');
        var index = Array.FindIndex(steps, s => s.StartsWith('['));
        var path = index < 0 ? steps : steps[..index];
        return index == 0 || path.Length == 0 || path.Any(s => s.Length == 0) ? null : string.Join('.', path);
    }

    /// <summary>Whether <paramref name="selector"/> (or unit) is <paramref name="unit"/> or lies under it.</summary>
    public static bool IsUnder(string selector, string unit) =>
        selector.Length == unit.Length ? selector == unit
        : selector.Length > unit.Length && selector[unit.Length] == '.' && selector.StartsWith(unit, StringComparison.Ordinal);

    /// <summary>The value at a dotted path through objects, or null if absent.</summary>
    public static StixValue? ValueAt(StixValue value, string unit)
    {
        StixValue? current = value;
        foreach (var step in unit.Split('.'))
        {
            if (current is not { IsObject: true } || !current.TryGetProperty(step, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Whether every step but the last is an object and the last exists: what a unit must be when signed.</summary>
    public static bool Resolves(StixValue value, string unit) => ValueAt(value, unit) is not null;

    /// <summary>
    /// <paramref name="value"/> without the parts at <paramref name="units"/> (relative dotted paths), exactly as
    /// <see cref="SharingPolicy"/> removes them: an object member emptied by the removal is dropped too.
    /// </summary>
    public static StixValue Strip(StixValue value, IReadOnlyCollection<string> units)
    {
        if (units.Count == 0 || !value.IsObject)
        {
            return value;
        }

        return Strip(value, units.Select(u => u.Split('.')).ToList(), 0);
    }

    private static StixValue Strip(StixValue value, List<string[]> paths, int depth)
    {
        var kept = new List<StixProperty>(value.Count);
        foreach (var (name, child) in value.Properties)
        {
            var here = paths.Where(p => p[depth] == name).ToList();
            if (here.Count == 0)
            {
                kept.Add(new StixProperty(name, child));
            }
            else if (here.All(p => p.Length > depth + 1) && child.IsObject)
            {
                var inner = Strip(child, here, depth + 1);
                if (inner.Count > 0)
                {
                    kept.Add(new StixProperty(name, inner));
                }
            }
        }

        return StixValue.Object([.. kept]);
    }

    /// <summary>The object without the excluded extensions; <c>extensions</c> goes too when nothing else was in it.</summary>
    public static StixValue WithoutExtensions(StixValue value, IReadOnlyList<string> excluded)
    {
        if (value["extensions"] is not { IsObject: true, Count: > 0 } extensions
            || !extensions.Properties.ToArray().Any(p => excluded.Contains(p.Name)))
        {
            return value;
        }

        var rest = extensions.Properties.ToArray().Where(p => !excluded.Contains(p.Name)).ToArray();
        var properties = new List<StixProperty>(value.Count);
        foreach (var property in value.Properties)
        {
            if (property.Name != "extensions")
            {
                properties.Add(property);
            }
            else if (rest.Length > 0)
            {
                properties.Add(new StixProperty("extensions", StixValue.Object(rest)));
            }
        }

        return StixValue.Object([.. properties]);
    }

    /// <summary>The object with <paramref name="extension"/> set under <paramref name="id"/> in its extensions (added last).</summary>
    public static StixValue WithExtension(StixValue value, string id, StixValue extension)
    {
        var properties = value.Properties.ToArray().ToList();
        var index = properties.FindIndex(p => p.Name == "extensions");
        var existing = index >= 0 && properties[index].Value.IsObject ? properties[index].Value.Properties.ToArray().Where(p => p.Name != id) : [];
        var extensions = StixValue.Object([.. existing, new StixProperty(id, extension)]);
        if (index >= 0)
        {
            properties[index] = new StixProperty("extensions", extensions);
        }
        else
        {
            properties.Add(new StixProperty("extensions", extensions));
        }

        return StixValue.Object([.. properties]);
    }
}
