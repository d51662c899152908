using CyDef.Sharing.Markings;
using CyDef.Stix.Catalog;
using CyDef.Stix.Json;

namespace CyDef.Sharing;

/// <summary>
/// The one decision every path takes before an object leaves the store — REST, TAXII, the UI, search, exports,
/// federation: given an object with its markings and a viewer, deny, allow, or allow with the parts its granular
/// markings deny removed. Pure and thread-safe; fails closed (a marking it cannot interpret denies). The rules
/// are in docs/sharing.md.
/// </summary>
public sealed class SharingPolicy
{
    // Parts without which an object is no longer a STIX object, or no longer honestly marked.
    private static readonly HashSet<string> Essential =
        new(StringComparer.Ordinal) { "type", "id", "spec_version", "created", "modified", "object_marking_refs", "granular_markings", "created_by_ref" };

    private readonly MarkingRegistry _markings;
    private readonly NodeIdentity _node;

    /// <summary>Creates the policy of a node.</summary>
    /// <param name="markings">The marking definitions the node interprets.</param>
    /// <param name="node">The node: its organisation and communities.</param>
    public SharingPolicy(MarkingRegistry markings, NodeIdentity node)
    {
        ArgumentNullException.ThrowIfNull(markings);
        ArgumentNullException.ThrowIfNull(node);
        _markings = markings;
        _node = node;
    }

    /// <summary>Decides what <paramref name="viewer"/> may have of <paramref name="value"/>.</summary>
    /// <param name="value">A STIX object.</param>
    /// <param name="viewer">Who asks.</param>
    public SharingDecision Decide(StixValue value, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!value.IsObject)
        {
            return SharingDecision.Deny("not a STIX object");
        }

        // Federation: never back along the path it came by, and a redacted copy is never passed on (Provenance).
        if (Provenance.DeniesPeer(value, viewer) is { } federation)
        {
            return SharingDecision.Deny(federation);
        }

        var owner = value["created_by_ref"]?.AsString();
        if (!TryMarkingIds(value, out var ids, out var problem))
        {
            return SharingDecision.Deny(problem);
        }

        if (!TryResolve(ids, out var objectMarkings, out problem))
        {
            return SharingDecision.Deny(problem);
        }

        var releasedTo = Organizations(objectMarkings);
        if (DeniesAll(objectMarkings, viewer, owner, releasedTo) is { } reason)
        {
            return SharingDecision.Deny(reason);
        }

        if (value["granular_markings"] is not { } granular)
        {
            return SharingDecision.Allow(value);
        }

        if (!granular.IsArray)
        {
            return SharingDecision.Deny("granular_markings is not a list");
        }

        var denied = new List<string>();
        foreach (var entry in granular.Items)
        {
            if (entry["selectors"] is not { IsArray: true } selectors || selectors.Items.ToArray().Any(s => s.AsString() is null))
            {
                return SharingDecision.Deny("a granular marking without a list of selectors");
            }

            if (entry["marking_ref"]?.AsString() is not { } reference)
            {
                // A language marking (§7.2.3 'lang') says what language a part is in, not who may see it.
                if (entry["lang"] is null)
                {
                    return SharingDecision.Deny("a granular marking with neither marking_ref nor lang");
                }

                continue;
            }

            var allowed = _markings.TryResolve(reference, out var marking) && Denies(marking, viewer, owner, releasedTo) is null;
            if (!allowed)
            {
                denied.AddRange(selectors.Items.ToArray().Select(s => s.GetString()));
            }
        }

        return denied.Count == 0 ? SharingDecision.Allow(value) : Redact(value, denied);
    }

    /// <summary>
    /// What a recipient may do with <paramref name="value"/> (PAP, which limits use, not view): the most restrictive
    /// PAP level among its object markings and the granular markings of <paramref name="property"/> (a selector that
    /// is the property or a part of it); null when no marking sets one. A marking this node cannot interpret counts as
    /// PAP:RED, so that an unknown restriction is never taken for none.
    /// </summary>
    /// <param name="value">A STIX object.</param>
    /// <param name="property">A top-level property whose use is asked about (an indicator's <c>pattern</c>), or null for the object's markings alone.</param>
    public PapLevel? PermittedActions(StixValue value, string? property = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryMarkingIds(value, out var ids, out _) || !TryResolve(ids, out var markings, out _))
        {
            return PapLevel.Red;
        }

        PapLevel? level = null;
        foreach (var marking in markings)
        {
            level = Stricter(level, marking);
        }

        if (property is null || value["granular_markings"] is not { } granular)
        {
            return level;
        }

        if (!granular.IsArray)
        {
            return PapLevel.Red;
        }

        foreach (var entry in granular.Items)
        {
            if (entry["selectors"] is not { IsArray: true } selectors || !selectors.Items.ToArray().Any(s => s.AsString() is { } selector && Selects(selector, property)))
            {
                continue;
            }

            if (entry["marking_ref"]?.AsString() is { } reference)
            {
                level = _markings.TryResolve(reference, out var marking) ? Stricter(level, marking) : PapLevel.Red;
            }
        }

        return level;

        static PapLevel? Stricter(PapLevel? level, Marking marking) =>
            marking is HandlingMarking { Pap: { } pap } && (level is null || pap > level) ? pap : level;

        static bool Selects(string selector, string property) =>
            selector.StartsWith(property, StringComparison.Ordinal) && (selector.Length == property.Length || selector[property.Length] is '.' or '[');
    }

    /// <summary>Whether <paramref name="viewer"/> may have anything of <paramref name="value"/>.</summary>
    /// <param name="value">A STIX object.</param>
    /// <param name="viewer">Who asks.</param>
    public bool CanSee(StixValue value, Viewer viewer) => Decide(value, viewer).IsAllowed;

    /// <summary>
    /// Why <paramref name="viewer"/> may not have an object owned by <paramref name="owner"/> that carries the object
    /// markings <paramref name="objectMarkingRefs"/>, or null when they allow it. Granular markings aside, this is
    /// the whole decision: an object without granular markings is allowed whole exactly when this is null, so a
    /// reader may decide from an object's owner and marking ids without reading the rest of it.
    /// </summary>
    /// <param name="owner">The object's <c>created_by_ref</c>, if it has one.</param>
    /// <param name="objectMarkingRefs">The object's <c>object_marking_refs</c>.</param>
    /// <param name="viewer">Who asks.</param>
    public string? DeniesObjectLevel(string? owner, IReadOnlyList<string> objectMarkingRefs, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(objectMarkingRefs);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!TryResolve(objectMarkingRefs, out var markings, out var problem))
        {
            return problem;
        }

        return DeniesAll(markings, viewer, owner, Organizations(markings));
    }

    private static bool TryMarkingIds(StixValue value, out List<string> ids, out string problem)
    {
        ids = [];
        problem = "";
        if (value["object_marking_refs"] is not { } refs)
        {
            return true;
        }

        if (!refs.IsArray)
        {
            problem = "object_marking_refs is not a list";
            return false;
        }

        foreach (var item in refs.Items)
        {
            if (item.AsString() is not { } id)
            {
                problem = $"marking {item} is not understood by this node";
                return false;
            }

            ids.Add(id);
        }

        return true;
    }

    private bool TryResolve(IReadOnlyList<string> ids, out List<Marking> markings, out string problem)
    {
        markings = new List<Marking>(ids.Count);
        problem = "";
        foreach (var id in ids)
        {
            if (!_markings.TryResolve(id, out var marking))
            {
                problem = $"marking {id} is not understood by this node";
                return false;
            }

            markings.Add(marking);
        }

        return true;
    }

    private string? DeniesAll(List<Marking> markings, Viewer viewer, string? owner, HashSet<string> releasedTo)
    {
        foreach (var marking in markings)
        {
            if (Denies(marking, viewer, owner, releasedTo) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    // The organisations the object-level handling markings name (REL TO organisations): the named recipients of
    // TLP:AMBER and TLP:RED content.
    private static HashSet<string> Organizations(List<Marking> markings)
    {
        var organizations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var marking in markings)
        {
            if (marking is HandlingMarking { ReleasableTo: { } rel })
            {
                organizations.UnionWith(rel.Organizations);
            }
        }

        return organizations;
    }

    /// <summary>Why <paramref name="marking"/> keeps the object from <paramref name="viewer"/>, or null if it does not.</summary>
    private string? Denies(Marking marking, Viewer viewer, string? owner, HashSet<string> releasedTo)
    {
        var viewerIsOwner = owner is not null && viewer.Organization == owner;
        var nodeIsOwner = owner is not null && _node.Organization == owner;
        return marking switch
        {
            TlpMarking tlp => DeniesTlp(tlp.Level, viewer, viewerIsOwner, nodeIsOwner, releasedTo),
            HandlingMarking handling => DeniesHandling(handling, viewer, viewerIsOwner),
            StatementMarking => null,
            _ => $"marking {marking.Id} is of a kind the policy does not interpret",
        };
    }

    private string? DeniesTlp(TlpLevel level, Viewer viewer, bool viewerIsOwner, bool nodeIsOwner, HashSet<string> releasedTo)
    {
        if (level == TlpLevel.Clear || viewerIsOwner)
        {
            return null;
        }

        var local = viewer.Kind == ViewerKind.User && viewer.Organization == _node.Organization;
        switch (level)
        {
            case TlpLevel.Green:
                // Community-wide: this node's users are in its communities; a peer or export audience must share one.
                return local || viewer.Communities.Overlaps(_node.Communities) ? null : "TLP:GREEN stays within the community";
            case TlpLevel.Amber or TlpLevel.AmberStrict:
                // The node's organisation is a recipient; beyond it, only the producer names further recipients.
                return local || (nodeIsOwner && releasedTo.Contains(viewer.Organization))
                    ? null
                    : $"TLP:{(level == TlpLevel.Amber ? "AMBER" : "AMBER+STRICT")} goes only to recipients the producer names";
            default:
                // Named recipients only, and never passed on by them.
                var nodeNamed = nodeIsOwner || releasedTo.Contains(_node.Organization);
                return (local && nodeNamed) || (nodeIsOwner && releasedTo.Contains(viewer.Organization))
                    ? null
                    : "TLP:RED is for its named recipients only";
        }
    }

    private static string? DeniesHandling(HandlingMarking marking, Viewer viewer, bool viewerIsOwner)
    {
        if (viewer.Clearance < marking.Classification)
        {
            return $"classified {Classifications.Banner(marking.Classification)}, above the viewer's clearance";
        }

        if (marking.Exercise is { } exercise && !viewer.Exercises.Contains(exercise))
        {
            return $"exercise content of '{exercise}'";
        }

        if (viewerIsOwner)
        {
            return null;
        }

        if (marking.Community is { } community && !viewer.Communities.Contains(community))
        {
            return $"scoped to community '{community}'";
        }

        if (marking.ReleasableTo is { } rel
            && !(viewer.Nationality is { } nationality && rel.Countries.Contains(nationality.ToUpperInvariant()))
            && !rel.Organizations.Contains(viewer.Organization)
            && !viewer.Communities.Overlaps(rel.Communities))
        {
            return "not releasable to the viewer";
        }

        return null;
    }

    private static SharingDecision Redact(StixValue value, List<string> denied)
    {
        // A selector into a list removes the whole list (items are never renumbered, so the selectors of other
        // granular markings stay true); a selector into an object removes that key.
        var removedPaths = new List<string[]>();
        foreach (var selector in denied)
        {
            var steps = selector.Split('.');
            var index = Array.FindIndex(steps, s => s.StartsWith('['));
            var path = index < 0 ? steps : steps[..Math.Max(1, index)];
            if (index == 0 || path.Any(s => s.Length == 0))
            {
                return SharingDecision.Deny($"selector '{selector}' is not a valid selector");
            }

            if (Essential.Contains(path[0]) || IsRequired(value, path))
            {
                return SharingDecision.Deny($"'{selector}' is required and marked beyond the viewer");
            }

            removedPaths.Add(path);
        }

        var redacted = Remove(value, removedPaths, 0);
        redacted = PruneGranularMarkings(redacted, removedPaths);
        return SharingDecision.Redacted(redacted, denied);
    }

    private static bool IsRequired(StixValue value, string[] path) =>
        path.Length == 1 && value["type"]?.AsString() is { } type && StixCatalog.TryGetObject(type, out var spec)
        && spec.TryGetProperty(path[0], out var property) && property.Required;

    private static StixValue Remove(StixValue value, List<string[]> paths, int depth)
    {
        var kept = new List<StixProperty>();
        foreach (var (name, child) in value.Properties)
        {
            var here = paths.Where(p => p[depth] == name).ToList();
            if (here.Count == 0)
            {
                kept.Add(new StixProperty(name, child));
            }
            else if (here.All(p => p.Length > depth + 1) && child.IsObject)
            {
                var inner = Remove(child, here, depth + 1);
                if (inner.Count > 0)
                {
                    kept.Add(new StixProperty(name, inner));
                }
            }
        }

        return StixValue.Object([.. kept]);
    }

    private static StixValue PruneGranularMarkings(StixValue value, List<string[]> removed)
    {
        if (value["granular_markings"] is not { IsArray: true } granular)
        {
            return value;
        }

        var prefixes = removed.Select(p => string.Join('.', p)).ToList();
        var entries = new List<StixValue>();
        foreach (var entry in granular.Items)
        {
            var selectors = entry["selectors"]!.Items.ToArray().Select(s => s.GetString())
                .Where(s => !prefixes.Any(p => s == p || s.StartsWith(p + ".", StringComparison.Ordinal)))
                .ToList();
            if (selectors.Count > 0)
            {
                entries.Add(StixValue.Object(entry.Properties.ToArray()
                    .Select(p => p.Name == "selectors" ? new StixProperty("selectors", StixValue.Array(selectors)) : p).ToArray()));
            }
        }

        var properties = value.Properties.ToArray().Where(p => p.Name != "granular_markings").ToList();
        if (entries.Count > 0)
        {
            properties.Add(new StixProperty("granular_markings", StixValue.Array(entries.ToArray())));
        }

        return StixValue.Object([.. properties]);
    }
}
