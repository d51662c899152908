using CyDef.Stix.Json;

namespace CyDef.Sharing;

/// <summary>
/// What the sharing policy decides on, and nothing of the content: an object's type, id, version, creator, markings
/// (object and granular) and provenance. The deletion log keeps it for each deleted version, so that a deletion can be
/// told to exactly the viewers who were allowed the version, after the version itself is gone.
/// <see cref="SharingPolicy.Decide"/> allows the skeleton to exactly the viewers it allows the object to (a property
/// test holds it to that).
/// </summary>
public static class AccessSkeleton
{
    private static readonly string[] Kept =
        ["type", "spec_version", "id", "created", "modified", "created_by_ref", "object_marking_refs", "granular_markings"];

    /// <summary>The skeleton of <paramref name="value"/>.</summary>
    /// <param name="value">A STIX object.</param>
    public static StixValue Of(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var properties = new List<StixProperty>(Kept.Length + 1);
        foreach (var name in Kept)
        {
            if (value[name] is { } kept)
            {
                properties.Add(new StixProperty(name, kept));
            }
        }

        if (value["extensions"]?[Provenance.Extension] is { } provenance)
        {
            properties.Add(new StixProperty("extensions", StixValue.Object([new StixProperty(Provenance.Extension, provenance)])));
        }

        return StixValue.Object([.. properties]);
    }
}
