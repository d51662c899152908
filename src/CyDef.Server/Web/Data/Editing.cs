using System.Globalization;
using CyDef.Patterns;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;
using CyDef.Storage;
using CyDef.Storage.Sharing;

namespace CyDef.Server.Web.Data;

/// <summary>
/// Creating and editing objects from the UI: a form becomes a STIX object (a new version of the edited one: same id and
/// <c>created</c>, a later <c>modified</c>, its other properties kept), validated by <see cref="StixValidator"/> and
/// stored through the store's ingest.
/// </summary>
public static class Editing
{
    /// <summary>The types the UI creates and edits.</summary>
    public static readonly IReadOnlySet<string> Editable = new HashSet<string>(StringComparer.Ordinal) { "indicator", "report", "note", "relationship" };

    // Patterns are checked against STIX patterning (§9), not only for being a string.
    private static readonly ValidationOptions PatternChecks = new() { PatternValidator = PatternValidation.Validator };

    // The properties the form sets; an edited object's others are kept as they were.
    private static readonly HashSet<string> FormProperties = new(StringComparer.Ordinal)
    {
        "type", "spec_version", "id", "created", "modified", "name", "description", "pattern", "pattern_type", "valid_from",
        "indicator_types", "report_types", "published", "object_refs", "abstract", "content", "relationship_type", "source_ref",
        "target_ref", "object_marking_refs",
    };

    /// <summary>Fills a form from an object the user may see whole.</summary>
    /// <param name="value">The object.</param>
    /// <param name="labels">Its markings' labels.</param>
    public static ObjectForm FormOf(StixValue value, IReadOnlyList<MarkingLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(labels);
        var note = value["type"]?.AsString() == "note";
        return new ObjectForm
        {
            Name = StixText.Text(value, note ? "abstract" : "name"),
            Description = StixText.Text(value, note ? "content" : "description"),
            Pattern = StixText.Text(value, "pattern"),
            PatternType = value["pattern_type"]?.AsString() ?? "stix",
            ValidFrom = StixText.Text(value, value["type"]?.AsString() == "report" ? "published" : "valid_from"),
            Kinds = string.Join(", ", Strings(value["indicator_types"] ?? value["report_types"])),
            ObjectRefs = string.Join("\n", Strings(value["object_refs"])),
            RelationshipType = value["relationship_type"]?.AsString() ?? "indicates",
            SourceRef = StixText.Text(value, "source_ref"),
            TargetRef = StixText.Text(value, "target_ref"),
            Tlp = labels.FirstOrDefault(l => l.Tlp is not null)?.Text["TLP:".Length..].ToLowerInvariant() ?? "none",
            Classification = labels.FirstOrDefault(l => l.Classification is not null)?.Classification is { } level ? Classifications.Name(level) : "none",
        };
    }

    /// <summary>
    /// The object a form describes, with the handling marking definition it needs (null when none), or the problems
    /// found by the validator (each with its JSON path).
    /// </summary>
    /// <param name="type">indicator, report, note or relationship.</param>
    /// <param name="form">The form.</param>
    /// <param name="previous">The version being edited, or null for a new object.</param>
    /// <param name="createdBy">The node's organisation (creator of a new object and of a handling marking).</param>
    /// <param name="now">The time of the edit.</param>
    public static (StixValue? Value, StixValue? Marking, IReadOnlyList<ValidationIssue> Errors) Build(string type, ObjectForm form, StixValue? previous, string createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(form);
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var marking = form.Classification is "none" or ""
            ? null
            : Classifications.TryParseEu(form.Classification, out var level) ? CyDefMarkings.Definition(new HandlingMarking("", level), createdBy) : null;
        var properties = new List<StixProperty>
        {
            new("type", StixValue.String(type)),
            new("spec_version", StixValue.String("2.1")),
            new("id", StixValue.String(previous?["id"]?.AsString() ?? $"{type}--{Guid.NewGuid()}")),
            new("created", StixValue.String(previous?["created"]?.AsString() ?? stamp)),
            new("modified", StixValue.String(Later(stamp, previous?["modified"]?.AsString()))),
        };
        if (previous is null)
        {
            properties.Add(new("created_by_ref", StixValue.String(createdBy)));
        }

        properties.AddRange(TypeProperties(type, form, stamp));
        var refs = new List<string>();
        if (form.Tlp is { Length: > 0 } tlp && tlp != "none" && TlpId(tlp) is { } tlpId)
        {
            refs.Add(tlpId);
        }

        if (marking?["id"]?.AsString() is { } markingId)
        {
            refs.Add(markingId);
        }

        if (refs.Count > 0)
        {
            properties.Add(new("object_marking_refs", StixValue.Array(refs)));
        }

        foreach (var kept in previous?.Properties.ToArray() ?? [])
        {
            if (!FormProperties.Contains(kept.Name))
            {
                properties.Add(kept);
            }
        }

        var value = StixValue.Object([.. properties]);
        var report = StixValidator.ValidateObject(value, PatternChecks);
        var errors = report.Errors.ToList();
        return (errors.Count == 0 ? value : null, marking, errors);
    }

    /// <summary>Stores the marking definition (when new) and the object; returns the problems, none when stored.</summary>
    /// <param name="store">The node's store.</param>
    /// <param name="value">The object.</param>
    /// <param name="marking">Its handling marking definition, or null.</param>
    /// <param name="options">How they are ingested: the node signs them as its publications.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task<IReadOnlyList<string>> StoreAsync(IObjectStore store, StixValue value, StixValue? marking, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(value);
        IEnumerable<StixValue> objects = marking is null ? [value] : [marking, value];
        var report = await store.IngestObjectsAsync(objects, options, cancellationToken).ConfigureAwait(false);
        return report.Rejections.SelectMany(r => r.Reasons.Select(p => p.ToString())).ToList();
    }

    private static IEnumerable<StixProperty> TypeProperties(string type, ObjectForm form, string stamp)
    {
        var text = (string name, string value) => value.Trim().Length > 0 ? new StixProperty?(new StixProperty(name, StixValue.String(value.Trim()))) : null;
        var list = (string name, string value) => Split(value) is { Count: > 0 } items ? new StixProperty?(new StixProperty(name, StixValue.Array(items))) : null;
        IEnumerable<StixProperty?> properties = type switch
        {
            "indicator" => [text("name", form.Name), text("description", form.Description), list("indicator_types", form.Kinds), text("pattern", form.Pattern), text("pattern_type", form.PatternType), new StixProperty("valid_from", StixValue.String(form.ValidFrom.Trim() is { Length: > 0 } from ? from : stamp))],
            "report" => [text("name", form.Name), text("description", form.Description), list("report_types", form.Kinds), new StixProperty("published", StixValue.String(form.ValidFrom.Trim() is { Length: > 0 } published ? published : stamp)), list("object_refs", form.ObjectRefs)],
            "note" => [text("abstract", form.Name), text("content", form.Description), list("object_refs", form.ObjectRefs)],
            "relationship" => [text("relationship_type", form.RelationshipType), text("description", form.Description), text("source_ref", form.SourceRef), text("target_ref", form.TargetRef)],
            _ => throw new ArgumentException($"The UI does not edit '{type}'.", nameof(type)),
        };
        return properties.Where(p => p is not null).Select(p => p!.Value);
    }

    private static List<string> Split(string text) =>
        text.Split([',', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static IEnumerable<string> Strings(StixValue? value) =>
        value is { IsArray: true } ? value.Items.ToArray().Select(i => i.AsString()).OfType<string>() : [];

    private static string? TlpId(string tlp) => tlp switch
    {
        "clear" => CyDefMarkings.TlpClear,
        "green" => CyDefMarkings.TlpGreen,
        "amber" => CyDefMarkings.TlpAmber,
        "amber+strict" => CyDefMarkings.TlpAmberStrict,
        "red" => CyDefMarkings.TlpRed,
        _ => null,
    };

    // A new version's modified must be later than the previous one's (STIX 2.1 §3.6).
    private static string Later(string stamp, string? previous) =>
        previous is not null && string.CompareOrdinal(previous, stamp) >= 0
            ? DateTimeOffset.Parse(previous, CultureInfo.InvariantCulture).AddMilliseconds(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : stamp;
}
