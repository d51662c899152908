using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Markings;

/// <summary>
/// The marking definitions a node can interpret: the built-in TLP markings, and the definitions it has stored
/// (TLP 2.0, statements, CyDef handling markings). A reference to a marking that is not here is not understood,
/// and the policy then denies (fails closed). Thread-safe.
/// </summary>
public sealed class MarkingRegistry
{
    private readonly ConcurrentDictionary<string, Marking> _byId = new(StringComparer.Ordinal);

    /// <summary>Creates a registry that knows the built-in TLP markings.</summary>
    public MarkingRegistry()
    {
        foreach (var (id, level) in CyDefMarkings.BuiltInTlp)
        {
            _byId[id] = new TlpMarking(id, level);
        }
    }

    /// <summary>How many marking definitions are known.</summary>
    public int Count => _byId.Count;

    /// <summary>
    /// Where a definition the registry does not hold yet is looked for (a node's store): what it finds is read,
    /// kept and used. Null: only what was added is known.
    /// </summary>
    public Func<string, StixValue?>? Lookup { get; init; }

    /// <summary>Finds a marking definition.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="marking">The marking.</param>
    public bool TryResolve(string id, [NotNullWhen(true)] out Marking? marking)
    {
        if (_byId.TryGetValue(id, out marking))
        {
            return true;
        }

        if (Lookup?.Invoke(id) is { } definition && TryRead(definition, out marking, out _)
            && marking.Id == id && !CyDefMarkings.BuiltInTlp.ContainsKey(id))
        {
            _byId[id] = marking;
            return true;
        }

        marking = null;
        return false;
    }

    /// <summary>Adds a marking definition. A built-in TLP marking cannot be redefined.</summary>
    /// <param name="definition">A STIX marking-definition object.</param>
    /// <param name="error">Why it was not added.</param>
    public bool TryAdd(StixValue definition, [NotNullWhen(false)] out string? error)
    {
        if (!TryRead(definition, out var marking, out error))
        {
            return false;
        }

        if (CyDefMarkings.BuiltInTlp.ContainsKey(marking.Id))
        {
            error = $"'{marking.Id}' is a built-in TLP marking and cannot be redefined";
            return false;
        }

        _byId[marking.Id] = marking;
        return true;
    }

    /// <summary>Reads a marking definition without adding it.</summary>
    /// <param name="definition">A STIX marking-definition object.</param>
    /// <param name="marking">What it says.</param>
    /// <param name="error">Why it could not be read.</param>
    public static bool TryRead(StixValue definition, [NotNullWhen(true)] out Marking? marking, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(definition);
        marking = null;
        if (definition["type"]?.AsString() != "marking-definition" || definition["id"]?.AsString() is not { } id)
        {
            error = "not a marking-definition with an id";
            return false;
        }

        if (definition["extensions"] is { IsObject: true } extensions)
        {
            if (extensions[CyDefMarkings.HandlingExtension] is { IsObject: true } handling)
            {
                return TryReadHandling(id, handling, out marking, out error);
            }

            if (extensions[CyDefMarkings.Tlp2Extension]?["tlp_2_0"]?.AsString() is { } tlp)
            {
                marking = ParseTlp(tlp) is { } level ? new TlpMarking(id, level) : null;
                error = marking is null ? $"unknown TLP 2.0 level '{tlp}'" : null;
                return marking is not null;
            }
        }

        var inner = definition["definition"];
        var kind = definition["definition_type"]?.AsString();
        if (kind == "tlp" && inner?["tlp"]?.AsString() is { } tlp1 && ParseTlp(tlp1) is { } level1)
        {
            marking = new TlpMarking(id, level1);
            error = null;
            return true;
        }

        if (kind == "statement" && inner?["statement"]?.AsString() is { } statement)
        {
            marking = new StatementMarking(id, statement);
            error = null;
            return true;
        }

        error = "a marking definition of a kind CyDef does not interpret";
        return false;
    }

    private static bool TryReadHandling(string id, StixValue handling, [NotNullWhen(true)] out Marking? marking, [NotNullWhen(false)] out string? error)
    {
        marking = null;
        var level = ClassificationLevel.Unclassified;
        if (handling["classification"]?.AsString() is { } name && !Classifications.TryParseEu(name, out level))
        {
            error = $"unknown classification '{name}'";
            return false;
        }

        if (handling["national_classification"] is { IsObject: true } national)
        {
            if (national["country"]?.AsString() is not { } country || national["label"]?.AsString() is not { } label
                || !Classifications.TryMapNational(country, label, out var mapped))
            {
                error = "a national classification CyDef cannot map onto an EU level";
                return false;
            }

            level = (ClassificationLevel)Math.Max((int)level, (int)mapped);
        }

        Releasability? releasability = null;
        if (handling["releasable_to"] is { IsObject: true } rel)
        {
            releasability = new Releasability(Set(rel["countries"], upper: true), Set(rel["organizations"]), Set(rel["communities"]));
        }

        PapLevel? pap = null;
        if (handling["pap"]?.AsString() is { } papName)
        {
            if (!Enum.TryParse<PapLevel>(papName, ignoreCase: true, out var parsed))
            {
                error = $"unknown PAP level '{papName}'";
                return false;
            }

            pap = parsed;
        }

        marking = new HandlingMarking(id, level, releasability, handling["community"]?.AsString(), handling["exercise"]?.AsString(), pap);
        error = null;
        return true;
    }

    private static HashSet<string> Set(StixValue? values, bool upper = false)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (values is { IsArray: true })
        {
            foreach (var item in values.Items)
            {
                if (item.AsString() is { } text)
                {
                    set.Add(upper ? text.ToUpperInvariant() : text);
                }
            }
        }

        return set;
    }

    private static TlpLevel? ParseTlp(string text) => text.ToLowerInvariant() switch
    {
        "clear" or "white" => TlpLevel.Clear,
        "green" => TlpLevel.Green,
        "amber" => TlpLevel.Amber,
        "amber+strict" => TlpLevel.AmberStrict,
        "red" => TlpLevel.Red,
        _ => null,
    };
}
