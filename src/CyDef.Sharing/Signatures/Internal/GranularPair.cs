using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures.Internal;

/// <summary>
/// One (marking, selector) pair of an object's granular markings: the entry's fields with one of its selectors. A
/// signature covers granular markings as a multiset of pairs, so the policy's pruning of the selectors of removed
/// parts (and of entries left empty) changes nothing a receiver checks, while no pair on a kept part can be dropped.
/// </summary>
/// <param name="Selector">The selector.</param>
/// <param name="Value">The pair as a JSON object: the entry's properties but <c>selectors</c>, and <c>selector</c>.</param>
/// <param name="Unit">The part it removes when it denies (null for a language marking, which removes nothing).</param>
internal sealed record GranularPair(string Selector, StixValue Value, string? Unit)
{
    /// <summary>The pairs of an object's granular markings.</summary>
    /// <exception cref="SignatureContentException">The granular markings are not a list of entries with string selectors.</exception>
    public static List<GranularPair> Read(StixValue value)
    {
        var pairs = new List<GranularPair>();
        if (value["granular_markings"] is not { } granular)
        {
            return pairs;
        }

        if (!granular.IsArray)
        {
            throw new SignatureContentException("granular_markings is not a list");
        }

        foreach (var entry in granular.Items)
        {
            if (!entry.IsObject || entry["selectors"] is not { IsArray: true } selectors)
            {
                throw new SignatureContentException("a granular marking without a list of selectors");
            }

            var fields = entry.Properties.ToArray().Where(p => p.Name != "selectors").ToArray();
            var denies = entry["marking_ref"] is not null;
            foreach (var item in selectors.Items)
            {
                var selector = item.AsString() ?? throw new SignatureContentException("a granular marking selector is not a string");
                var unit = ObjectPaths.UnitOf(selector) ?? throw new SignatureContentException($"'{selector}' is not a valid selector");
                pairs.Add(new GranularPair(selector, StixValue.Object([.. fields, new StixProperty("selector", item)]), denies ? unit : null));
            }
        }

        return pairs;
    }
}
