using CyDef.Stix.Json;

namespace CyDef.Sharing;

/// <summary>
/// Where a version came from, as federation records it on the object: a property extension of CyDef's
/// (<see cref="Extension"/>) with the organisation of the <c>origin</c> node and the <c>path</c> of nodes it passed
/// through before reaching this one (origin first, the node that sent it last), and <c>redacted</c> when a sender
/// removed parts of it for the receiver. It is not part of the version's identity (id and <c>modified</c>), and a
/// signature over the object leaves it out. A node's own publications carry none.
/// </summary>
/// <param name="Origin">The organisation of the node where the version entered the federation (empty when unknown).</param>
/// <param name="Path">The nodes' organisations it passed through, origin first.</param>
/// <param name="Redacted">Whether a sender removed parts of it (granular markings) for the receiver.</param>
public sealed record Provenance(string Origin, IReadOnlyList<string> Path, bool Redacted)
{
    /// <summary>CyDef's provenance extension definition.</summary>
    public const string Extension = "extension-definition--7b3f0c2e-9a4d-4e61-8f5a-2c6d1e8b9a73";

    /// <summary>The provenance an object carries, or null when it carries none.</summary>
    /// <param name="value">A STIX object.</param>
    public static Provenance? Of(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value["extensions"]?[Extension] is not { IsObject: true } extension)
        {
            return null;
        }

        var path = new List<string>();
        if (extension["path"] is { IsArray: true } list)
        {
            foreach (var item in list.Items)
            {
                if (item.AsString() is { Length: > 0 } hop)
                {
                    path.Add(hop);
                }
            }
        }

        var origin = extension["origin"]?.AsString() ?? (path.Count > 0 ? path[0] : "");
        return new Provenance(origin, path, extension["redacted"]?.Kind == StixValueKind.True);
    }

    /// <summary>
    /// Why a peer may not be sent <paramref name="value"/> by this node, or null: it reached this node through that
    /// peer (sending it back would loop), or it is a copy a sender redacted (a partial copy is never passed on, so
    /// that no node gets a partial copy where the whole one was its due).
    /// </summary>
    /// <param name="value">A STIX object.</param>
    /// <param name="viewer">A viewer of kind <see cref="ViewerKind.Peer"/>.</param>
    public static string? DeniesPeer(StixValue value, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.Kind != ViewerKind.Peer || Of(value) is not { } provenance)
        {
            return null;
        }

        if (provenance.Redacted)
        {
            return "a redacted copy is never passed on";
        }

        return (provenance.Origin.Length > 0 && provenance.Origin == viewer.Organization) || provenance.Path.Contains(viewer.Organization)
            ? "it reached this node through the viewer"
            : null;
    }

    /// <summary><paramref name="value"/> with <paramref name="hop"/> added to the end of its path (and as origin when it had none).</summary>
    /// <param name="value">A STIX object.</param>
    /// <param name="hop">The organisation of the node it comes from.</param>
    public static StixValue AddHop(StixValue value, string hop)
    {
        ArgumentException.ThrowIfNullOrEmpty(hop);
        var current = Of(value);
        var path = current?.Path.ToList() ?? [];
        if (path.Count == 0 || path[^1] != hop)
        {
            path.Add(hop);
        }

        return With(value, new Provenance(current is { Origin.Length: > 0 } ? current.Origin : path[0], path, current?.Redacted ?? false));
    }

    /// <summary><paramref name="value"/> marked as a redacted copy.</summary>
    /// <param name="value">A STIX object as the policy redacted it.</param>
    public static StixValue MarkRedacted(StixValue value)
    {
        var current = Of(value);
        return With(value, new Provenance(current?.Origin ?? "", current?.Path ?? [], Redacted: true));
    }

    /// <summary><paramref name="value"/> without the provenance extension (what a signature covers).</summary>
    /// <param name="value">A STIX object.</param>
    public static StixValue Without(StixValue value) => WithExtension(value, null);

    private static StixValue With(StixValue value, Provenance provenance)
    {
        var properties = new List<StixProperty> { new("extension_type", StixValue.String("property-extension")) };
        if (provenance.Origin.Length > 0)
        {
            properties.Add(new("origin", StixValue.String(provenance.Origin)));
        }

        if (provenance.Path.Count > 0)
        {
            properties.Add(new("path", StixValue.Array(provenance.Path)));
        }

        if (provenance.Redacted)
        {
            properties.Add(new("redacted", StixValue.True));
        }

        return WithExtension(value, StixValue.Object([.. properties]));
    }

    private static StixValue WithExtension(StixValue value, StixValue? extension)
    {
        ArgumentNullException.ThrowIfNull(value);
        var extensions = new List<StixProperty>();
        if (value["extensions"] is { IsObject: true } existing)
        {
            foreach (var property in existing.Properties)
            {
                if (property.Name != Extension)
                {
                    extensions.Add(property);
                }
            }
        }

        if (extension is not null)
        {
            extensions.Add(new StixProperty(Extension, extension));
        }

        var properties = new List<StixProperty>(value.Count + 1);
        var placed = false;
        foreach (var property in value.Properties)
        {
            if (property.Name != "extensions")
            {
                properties.Add(property);
            }
            else if (extensions.Count > 0)
            {
                properties.Add(new StixProperty("extensions", StixValue.Object([.. extensions])));
                placed = true;
            }
        }

        if (!placed && extensions.Count > 0)
        {
            properties.Add(new StixProperty("extensions", StixValue.Object([.. extensions])));
        }

        return StixValue.Object([.. properties]);
    }
}
