using CyDef.Sharing.Markings;
using CyDef.Stix.Json;

namespace CyDef.Server.Web.Data;

public sealed partial class UiReader
{
    /// <summary>The labels of an object's object-level markings; definitions are read through the policy.</summary>
    /// <param name="value">The object as the user has it.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<MarkingLabel>> MarkingsAsync(StixValue value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var labels = new List<MarkingLabel>();
        if (value["object_marking_refs"] is { IsArray: true } refs)
        {
            foreach (var item in refs.Items.ToArray())
            {
                if (item.AsString() is { } id)
                {
                    labels.Add(await LabelAsync(id, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return labels;
    }

    /// <summary>The label of one marking definition.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<MarkingLabel> LabelAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_labels.TryGetValue(id, out var known))
        {
            return known;
        }

        MarkingLabel label;
        if (CyDefMarkings.BuiltInTlp.TryGetValue(id, out var tlp))
        {
            label = new MarkingLabel(id, "TLP:" + Tlp(tlp), null, tlp);
        }
        else if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } definition
            && MarkingRegistry.TryRead(definition.Value, out var marking, out _))
        {
            label = marking switch
            {
                HandlingMarking handling => new MarkingLabel(id, CyDefMarkings.Describe(handling), handling.Classification, null),
                TlpMarking t => new MarkingLabel(id, "TLP:" + Tlp(t.Level), null, t.Level),
                StatementMarking s => new MarkingLabel(id, "Statement: " + (s.Statement.Length > 40 ? s.Statement[..40] + "…" : s.Statement), null, null),
                _ => new MarkingLabel(id, definition.Value["name"]?.AsString() ?? id, null, null),
            };
        }
        else
        {
            label = new MarkingLabel(id, id, null, null);
        }

        _labels[id] = label;
        return label;
    }

    private static string Tlp(TlpLevel level) => level switch
    {
        TlpLevel.AmberStrict => "AMBER+STRICT",
        _ => level.ToString().ToUpperInvariant(),
    };
}
