using CyDef.Stix.Catalog;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix;

/// <summary>
/// A STIX object with typed access to the properties every layer needs (type, id, version, revocation,
/// creator, markings) over its JSON, which is kept whole so that custom content survives.
/// </summary>
public sealed class StixObject
{
    private StixObject(StixValue json, string type, string id)
    {
        Json = json;
        Type = type;
        Id = id;
    }

    /// <summary>The object as JSON.</summary>
    public StixValue Json { get; }

    /// <summary>The <c>type</c> property.</summary>
    public string Type { get; }

    /// <summary>The <c>id</c> property.</summary>
    public string Id { get; }

    /// <summary>The specification's category for the type; <see langword="null"/> for a custom type.</summary>
    public StixCategory? Category => StixCatalog.CategoryOf(Type);

    /// <summary>The <c>spec_version</c>; SCOs may leave it out, and it then means 2.1 (§3.2).</summary>
    public string SpecVersion => Json["spec_version"]?.AsString() ?? "2.1";

    /// <summary>The <c>created</c> timestamp, when present and well formed.</summary>
    public StixTimestamp? Created => Timestamp("created");

    /// <summary>The <c>modified</c> timestamp, when present and well formed (objects that are not versioned have none).</summary>
    public StixTimestamp? Modified => Timestamp("modified");

    /// <summary>Whether the object is revoked (§3.6): <c>revoked</c> is true.</summary>
    public bool Revoked => Json["revoked"]?.Kind == StixValueKind.True;

    /// <summary>The <c>created_by_ref</c>, if any.</summary>
    public string? CreatedByRef => Json["created_by_ref"]?.AsString();

    /// <summary>The ids in <c>object_marking_refs</c>.</summary>
    public IEnumerable<string> ObjectMarkingRefs => Strings("object_marking_refs");

    /// <summary>What identifies this version: its id and, for versioned objects, its <c>modified</c> (§3.6).</summary>
    public StixVersionKey VersionKey => new(Id, Json["modified"]?.AsString());

    /// <summary>Wraps a JSON object that has string <c>type</c> and <c>id</c> properties.</summary>
    /// <param name="json">The object.</param>
    /// <param name="stixObject">The wrapper, when <paramref name="json"/> qualifies.</param>
    public static bool TryCreate(StixValue json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StixObject? stixObject)
    {
        ArgumentNullException.ThrowIfNull(json);
        stixObject = json["type"]?.AsString() is { } type && json["id"]?.AsString() is { } id ? new StixObject(json, type, id) : null;
        return stixObject is not null;
    }

    /// <summary>Wraps a JSON object.</summary>
    /// <param name="json">The object.</param>
    /// <exception cref="ArgumentException">It lacks a string <c>type</c> or <c>id</c>.</exception>
    public static StixObject Create(StixValue json) =>
        TryCreate(json, out var stixObject) ? stixObject : throw new ArgumentException("A STIX object has string 'type' and 'id' properties.", nameof(json));

    /// <inheritdoc />
    public override string ToString() => Id;

    private StixTimestamp? Timestamp(string name) =>
        Json[name]?.AsString() is { } text && StixTimestamp.TryParse(text, out var timestamp) ? timestamp : null;

    private IEnumerable<string> Strings(string name)
    {
        if (Json[name] is { IsArray: true } list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list.Items[i].AsString() is { } text)
                {
                    yield return text;
                }
            }
        }
    }
}
