using System.Runtime.CompilerServices;
using CyDef.Stix;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Benchmarks.Load;

internal sealed partial class StageBreakdown
{
    private const int HotObjects = 2_000;
    private const int HotCalls = 2_000_000;

    private static readonly HashSet<string> TimestampNames = new(StringComparer.Ordinal) { "created", "modified", "valid_from", "valid_until", "start", "end" };

    /// <summary>
    /// Operations the validator performs, timed per call over the values of the first objects only: a working set
    /// that stays in the CPU caches, as the values of an object just parsed do (over all 64 MB the same calls
    /// measured four times slower, cache misses included). The validator may repeat them: an id is checked by the
    /// value check, the identity check and the best practices; a timestamp by the value check, the version checks
    /// and the rules that compare timestamps.
    /// </summary>
    private void MeasureValidation()
    {
        var all = new ValueLists();
        var hot = new ValueLists();
        for (var i = 0; i < _objects.Length; i++)
        {
            Collect(_objects[i], null, all);
            if (i < HotObjects)
            {
                Collect(_objects[i], null, hot);
            }
        }

        TimePart("check_identifier", all.Identifiers.Count, hot.Identifiers, id => Formats.IsIdentifier(id, out _));
        TimePart("parse_timestamp", all.Timestamps.Count, hot.Timestamps, t => StixTimestamp.TryParse(t, out _));
        TimePart("is_url", all.Urls.Count, hot.Urls, Formats.IsUrl);
    }

    private void TimePart(string part, long valuesInSample, List<string> hotValues, Func<string, bool> check)
    {
        var values = hotValues.ToArray();
        var rounds = Math.Max(1, HotCalls / Math.Max(1, values.Length));
        var perCall = BestOf(() => CallEach(values, rounds, check), (long)rounds * values.Length, "call");
        var valuesPerObject = (double)valuesInSample / _lines.Length;
        _validationParts.Add((part, perCall, valuesPerObject));
        Console.Error.WriteLine($"  validation part {part}: {perCall}; {valuesPerObject:N2} values/object");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long CallEach(string[] values, int rounds, Func<string, bool> check)
    {
        long passed = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var value in values)
            {
                passed += check(value) ? 1 : 0;
            }
        }

        return passed;
    }

    private static void Collect(StixValue value, string? name, ValueLists lists)
    {
        if (value.AsString() is { } text && name is not null)
        {
            if (name == "id" || name.EndsWith("_ref", StringComparison.Ordinal) || name.EndsWith("_refs", StringComparison.Ordinal))
            {
                lists.Identifiers.Add(text);
            }
            else if (TimestampNames.Contains(name))
            {
                lists.Timestamps.Add(text);
            }
            else if (name == "url" || (name == "value" && text.StartsWith("http", StringComparison.Ordinal)))
            {
                lists.Urls.Add(text);
            }
        }

        foreach (var (childName, child) in value.Properties)
        {
            Collect(child, childName, lists);
        }

        foreach (var item in value.Items)
        {
            Collect(item, name, lists);
        }
    }

    /// <summary>The string values the validator checks with each operation, in the order of the input.</summary>
    private sealed class ValueLists
    {
        public List<string> Identifiers { get; } = [];

        public List<string> Timestamps { get; } = [];

        public List<string> Urls { get; } = [];
    }
}
