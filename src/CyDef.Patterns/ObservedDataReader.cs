using System.Globalization;
using CyDef.Patterns.Internal.Evaluation;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Patterns;

/// <summary>
/// Turns STIX content into <see cref="Observation"/>s: observed-data objects (STIX 2.1 §4.14) with either
/// <c>object_refs</c> and the referenced SCOs given beside them, or the deprecated (STIX 2.0) <c>objects</c>
/// dictionary. Input may be one object, a JSON array, bundles, or any mix; SCOs are found across all of it.
/// </summary>
public static class ObservedDataReader
{
    /// <summary>Reads observations from one JSON value: an observed-data object, a bundle, or an array of either.</summary>
    /// <param name="json">The content.</param>
    public static ObservedDataReadResult Read(StixValue json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read([json]);
    }

    /// <summary>Reads observations from STIX objects, bundles or arrays of them.</summary>
    /// <param name="values">The content; SCOs referenced by <c>object_refs</c> may be anywhere in it.</param>
    public static ObservedDataReadResult Read(IEnumerable<StixValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var objects = new List<StixValue>();
        foreach (var value in values)
        {
            if (Flatten(value, objects, 0) is { } error)
            {
                return ObservedDataReadResult.Fail(error);
            }
        }

        var byId = new Dictionary<string, StixValue>(StringComparer.Ordinal);
        foreach (var item in objects)
        {
            if (item["id"]?.AsString() is { } id)
            {
                byId.TryAdd(id, item);
            }
        }

        var observations = new List<Observation>();
        for (var index = 0; index < objects.Count; index++)
        {
            if (!IsObservedData(objects[index]))
            {
                continue;
            }

            if (ReadOne(objects[index], byId, out var observation) is { } error)
            {
                return ObservedDataReadResult.Fail(string.Create(CultureInfo.InvariantCulture, $"observed-data {Name(objects[index], index)}: {error}"));
            }

            observations.Add(observation!);
        }

        return ObservedDataReadResult.Ok(observations);
    }

    /// <summary>An observed-data object; in STIX 2.0 content also any container with its properties (whatever its type).</summary>
    private static bool IsObservedData(StixValue value) =>
        value["type"]?.AsString() == "observed-data" || (value["objects"] is { IsObject: true } && value["number_observed"] is not null);

    private static string? Flatten(StixValue value, List<StixValue> into, int depth)
    {
        if (depth > 4)
        {
            return "arrays and bundles are nested too deeply";
        }

        if (value.IsArray)
        {
            foreach (var item in value.Items)
            {
                if (Flatten(item, into, depth + 1) is { } error)
                {
                    return error;
                }
            }

            return null;
        }

        if (!value.IsObject)
        {
            return $"expected STIX objects, found a JSON {value.Kind.ToString().ToLowerInvariant()}";
        }

        if (value["type"]?.AsString() != "bundle")
        {
            into.Add(value);
            return null;
        }

        return value["objects"] is { IsArray: true } items ? Flatten(items, into, depth + 1) : "a bundle without an objects array";
    }

    private static string? ReadOne(StixValue data, Dictionary<string, StixValue> byId, out Observation? observation)
    {
        observation = null;
        if (!TryTimestamp(data, "first_observed", out var first, out var error) || !TryTimestamp(data, "last_observed", out var last, out error))
        {
            return error;
        }

        if (data["number_observed"] is not { } number || !number.TryGetInt64(out var count) || count < 1)
        {
            return "number_observed must be an integer of at least 1 (STIX 2.1 §4.14)";
        }

        if (last < first)
        {
            return "last_observed is before first_observed (STIX 2.1 §4.14)";
        }

        var objects = CollectObjects(data, byId, out error);
        if (objects is null)
        {
            return error;
        }

        observation = new Observation(data, first, last, count, objects);
        return null;
    }

    private static KeyValuePair<string, StixValue>[]? CollectObjects(StixValue data, Dictionary<string, StixValue> byId, out string? error)
    {
        error = null;
        // STIX 2.1 §4.14: object_refs replaces the deprecated objects; when both are present object_refs counts.
        if (data["object_refs"] is null && data["objects"] is { IsObject: true } embedded)
        {
            var pairs = new KeyValuePair<string, StixValue>[embedded.Count];
            var properties = embedded.Properties;
            for (var i = 0; i < pairs.Length; i++)
            {
                pairs[i] = new(properties[i].Name, properties[i].Value);
            }

            return pairs;
        }

        if (data["object_refs"] is not { IsArray: true } refs)
        {
            error = "neither object_refs nor objects is given (STIX 2.1 §4.14)";
            return null;
        }

        var found = new List<KeyValuePair<string, StixValue>>(refs.Count);
        foreach (var reference in refs.Items)
        {
            // §9.7.4: only the SCOs listed in object_refs take part; a listed identifier absent from the input is not found.
            if (reference.AsString() is { } id && byId.TryGetValue(id, out var sco))
            {
                found.Add(new(id, sco));
            }
        }

        return found.ToArray();
    }

    private static bool TryTimestamp(StixValue data, string property, out StixTimestamp timestamp, out string? error)
    {
        error = null;
        if (data[property]?.AsString() is { } text && JsonTimestamps.TryParse(text, out timestamp))
        {
            return true;
        }

        timestamp = default;
        error = $"{property} must be a timestamp such as 2024-01-31T12:00:00Z (STIX 2.1 §2.16)";
        return false;
    }

    private static string Name(StixValue data, int index) =>
        data["id"]?.AsString() ?? string.Create(CultureInfo.InvariantCulture, $"#{index + 1}");
}
