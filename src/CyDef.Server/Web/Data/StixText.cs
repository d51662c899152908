using CyDef.Stix.Json;
using CyDef.Storage.Sharing;

namespace CyDef.Server.Web.Data;

/// <summary>Short texts shown for objects in lists and graphs.</summary>
public static class StixText
{
    /// <summary>The object's name, or the best stand-in for one (value, pattern, relationship type, id).</summary>
    /// <param name="value">The object as the viewer has it.</param>
    public static string Title(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var name in (string[])["name", "value", "abstract", "relationship_type", "path", "pattern"])
        {
            if (value[name]?.AsString() is { Length: > 0 } text)
            {
                return text.Length > 120 ? text[..117] + "…" : text;
            }
        }

        if (value["type"]?.AsString() == "sighting")
        {
            var seen = value["first_seen"]?.AsString() ?? value["created"]?.AsString() ?? "";
            return $"sighting ×{value["count"]?.GetRawNumber() ?? "1"} {(seen.Length >= 16 ? seen[..16].Replace('T', ' ') : seen)}";
        }

        return value["id"]?.AsString() ?? "?";
    }

    /// <summary>The title of a shared object.</summary>
    /// <param name="shared">The object.</param>
    public static string Title(SharedObject shared) => Title((shared ?? throw new ArgumentNullException(nameof(shared))).Value);

    /// <summary>A string property, or an empty string.</summary>
    /// <param name="value">The object.</param>
    /// <param name="name">The property.</param>
    public static string Text(StixValue value, string name) => value?[name]?.AsString() ?? "";

    /// <summary>How a property's value is shown: strings as they are, anything else as compact JSON.</summary>
    /// <param name="value">The value.</param>
    public static string Show(StixValue value) => value?.AsString() ?? StixJsonWriter.ToJsonString(value!);

    /// <summary>The ids a property of references holds (<c>*_ref</c>, <c>*_refs</c>).</summary>
    /// <param name="value">The object.</param>
    public static IEnumerable<(string Property, string Id)> References(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var property in value.Properties.ToArray())
        {
            if (property.Name is "object_marking_refs" or "created_by_ref")
            {
                continue;
            }

            if (property.Name.EndsWith("_ref", StringComparison.Ordinal) && property.Value.AsString() is { } one)
            {
                yield return (property.Name, one);
            }
            else if (property.Name.EndsWith("_refs", StringComparison.Ordinal) && property.Value.IsArray)
            {
                foreach (var item in property.Value.Items.ToArray().Take(50))
                {
                    if (item.AsString() is { } id)
                    {
                        yield return (property.Name, id);
                    }
                }
            }
        }
    }
}
