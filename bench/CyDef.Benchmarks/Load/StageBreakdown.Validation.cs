using CyDef.Stix;
using CyDef.Stix.Catalog;
using CyDef.Stix.Json;
using CyDef.Stix.Model;
using CyDef.Stix.Validation;

namespace CyDef.Benchmarks.Load;

internal sealed partial class StageBreakdown
{
    private static readonly HashSet<string> TimestampNames = new(StringComparer.Ordinal) { "created", "modified", "valid_from", "valid_until", "start", "end" };

    /// <summary>
    /// Operations the validator performs, each redone alone over the values it applies them to, once per value
    /// (the validator may repeat them: an id is parsed by the value check, the identity check and the best
    /// practices; a timestamp by the value check, the version checks and the rules that compare timestamps).
    /// </summary>
    private void MeasureValidation()
    {
        var identifiers = new List<string>();
        var timestamps = new List<string>();
        var urls = new List<string>();
        var observables = new List<StixValue>();
        foreach (var value in _objects)
        {
            Collect(value, null, identifiers, timestamps, urls);
            if (value["type"]?.AsString() is { } type && StixCatalog.CategoryOf(type) == StixCategory.CyberObservable)
            {
                observables.Add(value);
            }
        }

        TimePart("deterministic_id_per_sco", () => observables.Count(o => DeterministicId.ForObservable(o) is not null));
        TimePart("parse_identifier", () => identifiers.Count(id => Formats.TryParseIdentifier(id, out _, out _)));
        TimePart("parse_timestamp", () => timestamps.Count(t => StixTimestamp.TryParse(t, out _)));
        TimePart("is_url", () => urls.Count(Formats.IsUrl));
    }

    /// <summary>Times <paramref name="body"/>, which returns how many calls it made.</summary>
    private void TimePart(string part, Func<long> body)
    {
        var (cost, calls) = BestOf(body);
        _validationParts.Add((part, cost, calls));
        Console.Error.WriteLine($"  validation part {part}: {cost} ({(double)calls / _lines.Length:N2} calls/object)");
    }

    private static void Collect(StixValue value, string? name, List<string> identifiers, List<string> timestamps, List<string> urls)
    {
        if (value.AsString() is { } text && name is not null)
        {
            if (name == "id" || name.EndsWith("_ref", StringComparison.Ordinal) || name.EndsWith("_refs", StringComparison.Ordinal))
            {
                identifiers.Add(text);
            }
            else if (TimestampNames.Contains(name))
            {
                timestamps.Add(text);
            }
            else if (name == "url" || (name == "value" && text.StartsWith("http", StringComparison.Ordinal)))
            {
                urls.Add(text);
            }
        }

        foreach (var (childName, child) in value.Properties)
        {
            Collect(child, childName, identifiers, timestamps, urls);
        }

        foreach (var item in value.Items)
        {
            Collect(item, name, identifiers, timestamps, urls);
        }
    }
}
