using CyDef.Patterns;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Detection.Index;

/// <summary>What to do with one indicator version at a given time, worked out before the index is locked.</summary>
internal sealed record IndicatorPlan(IndicatorChange Change, Pattern? Pattern, IReadOnlyList<ExactValue> Values, string[] Markings, long ValidFrom, long Until)
{
    public static IndicatorPlan Of(StixValue indicator, long now)
    {
        if (indicator["revoked"] is { Kind: StixValueKind.True } || indicator["pattern_type"]?.AsString() != "stix"
            || indicator["pattern"]?.AsString() is not { } text)
        {
            return Drop(indicator["revoked"] is { Kind: StixValueKind.True } ? IndicatorChange.Removed : IndicatorChange.Ignored);
        }

        var from = Time(indicator["valid_from"]) ?? 0;
        var until = Time(indicator["valid_until"]) ?? long.MaxValue;
        if (until <= now)
        {
            return Drop(IndicatorChange.Removed);
        }

        var parsed = StixPattern.Parse(text);
        if (!parsed.TryGetValue(out var pattern))
        {
            return Drop(IndicatorChange.Ignored);
        }

        var markings = indicator["object_marking_refs"] is { Kind: StixValueKind.Array } refs
            ? refs.Items.ToArray().Select(r => r.AsString()).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        var exact = ExactValues.TryGet(pattern, out var values) && values.All(Indexable);
        var change = from > now ? IndicatorChange.Pending : exact ? IndicatorChange.AddedExact : IndicatorChange.AddedPattern;
        return new IndicatorPlan(change, pattern, exact ? values : [], markings, from, until);
    }

    private static bool Indexable(ExactValue value) =>
        KnownPaths.TryGet(value.Path, out _) && System.Text.Encoding.UTF8.GetByteCount(value.Value) <= 4096;

    private static IndicatorPlan Drop(IndicatorChange change) => new(change, null, [], [], 0, 0);

    private static long? Time(StixValue? value) =>
        value?.AsString() is { } text && StixTimestamp.TryParse(text, out var time) ? time.UtcDateTime.Ticks : null;
}
