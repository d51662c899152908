using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage;

namespace CyDef.Server.Detection;

/// <summary>
/// Names the producer of a TLP:AMBER or TLP:RED indicator as a recipient of its sightings. A sighting carries its
/// indicator's markings, and this node is the sighting's producer; TLP:AMBER and TLP:RED go only to the recipients
/// their producer names (docs/sharing.md), so without a name the sighting of another organisation's AMBER indicator
/// would stay on this node. The name is a CyDef handling marking, REL TO the indicator's producer, added to the
/// sighting's markings: it then flows back to that organisation through federation, and to no one else the other
/// markings do not already allow. Sightings of CLEAR and GREEN indicators, and of this node's own, are left as they are.
/// </summary>
internal sealed class SightingRecipients(IObjectStore store, string organization)
{
    private const int MaxRemembered = 100_000;
    private readonly Dictionary<string, string?> _producers = new(StringComparer.Ordinal);

    /// <summary>
    /// The sighting with its indicator's producer named, when it needs one; the marking definitions it then refers to
    /// are added to <paramref name="definitions"/> (by id), to be stored with it.
    /// </summary>
    /// <param name="sighting">A sighting version about to be stored.</param>
    /// <param name="definitions">The marking definitions the batch must hold.</param>
    public async Task<StixValue> NameProducerAsync(StixValue sighting, Dictionary<string, StixValue> definitions)
    {
        if (sighting["object_marking_refs"] is not { IsArray: true } refs
            || !refs.Items.ToArray().Any(r => r.AsString() is { } id && CyDefMarkings.BuiltInTlp.TryGetValue(id, out var level) && level >= TlpLevel.Amber)
            || sighting["sighting_of_ref"]?.AsString() is not { } indicator
            || await ProducerAsync(indicator).ConfigureAwait(false) is not { } producer
            || producer == organization)
        {
            return sighting;
        }

        var organizations = new HashSet<string>(StringComparer.Ordinal) { producer };
        var definition = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Unclassified, new Releasability(new HashSet<string>(), organizations, new HashSet<string>())), organization);
        var named = definition["id"]!.GetString();
        if (refs.Items.ToArray().Any(r => r.AsString() == named))
        {
            return sighting;
        }

        definitions[named] = definition;
        var markings = StixValue.Array([.. refs.Items.ToArray(), StixValue.String(named)]);
        return StixValue.Object([.. sighting.Properties.ToArray().Select(p => p.Name == "object_marking_refs" ? new StixProperty(p.Name, markings) : p)]);
    }

    // The indicator's producer (its newest version's created_by_ref), remembered: it does not change between versions
    // (§3.6: only the producer versions an object).
    private async Task<string?> ProducerAsync(string indicator)
    {
        if (!_producers.TryGetValue(indicator, out var producer))
        {
            var stored = await store.GetAsync(indicator).ConfigureAwait(false);
            producer = stored is null ? null : StixJsonReader.Parse(stored.Json.Span).Value?["created_by_ref"]?.AsString();
            if (stored is not null)
            {
                if (_producers.Count >= MaxRemembered)
                {
                    _producers.Clear();
                }

                _producers[indicator] = producer;
            }
        }

        return producer;
    }
}
