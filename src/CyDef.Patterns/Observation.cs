using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Patterns;

/// <summary>
/// One observed-data object ready for pattern matching (STIX 2.1 §4.14, §9.5): its time window, how many times it
/// was observed, and the cyber-observable objects it holds, keyed as references name them — by identifier for
/// <c>object_refs</c> (only the listed SCOs, §9.7.4), by dictionary key for the deprecated <c>objects</c>.
/// Build one with <see cref="ObservedDataReader"/>.
/// </summary>
public sealed class Observation
{
    private readonly KeyValuePair<string, StixValue>[] _objects;
    private Dictionary<string, StixValue>? _byKey;

    internal Observation(StixValue observedData, StixTimestamp firstObserved, StixTimestamp lastObserved, long numberObserved,
        KeyValuePair<string, StixValue>[] objects)
    {
        ObservedData = observedData;
        FirstObserved = firstObserved;
        LastObserved = lastObserved;
        NumberObserved = numberObserved;
        _objects = objects;
    }

    /// <summary>The observed-data object as read.</summary>
    public StixValue ObservedData { get; }

    /// <summary>The start of the time window (<c>first_observed</c>).</summary>
    public StixTimestamp FirstObserved { get; }

    /// <summary>The end of the time window (<c>last_observed</c>).</summary>
    public StixTimestamp LastObserved { get; }

    /// <summary>How many Observations this object stands for (<c>number_observed</c>, at least 1).</summary>
    public long NumberObserved { get; }

    /// <summary>The cyber-observable objects, with the key or identifier references use for them.</summary>
    public ReadOnlySpan<KeyValuePair<string, StixValue>> Objects => _objects;

    /// <summary>Creates an observation directly (for sensors that build observations without JSON).</summary>
    /// <param name="observedData">The observed-data object the observation stands for (may be a stub).</param>
    /// <param name="firstObserved">The start of the time window.</param>
    /// <param name="lastObserved">The end of the time window; not before <paramref name="firstObserved"/>.</param>
    /// <param name="numberObserved">How many Observations; at least 1.</param>
    /// <param name="objects">The SCOs with the key or identifier references use for them.</param>
    public static Observation Create(StixValue observedData, StixTimestamp firstObserved, StixTimestamp lastObserved, long numberObserved,
        IEnumerable<KeyValuePair<string, StixValue>> objects)
    {
        ArgumentNullException.ThrowIfNull(observedData);
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberObserved, 1);
        if (lastObserved < firstObserved)
        {
            throw new ArgumentException("last_observed is before first_observed.", nameof(lastObserved));
        }

        return new Observation(observedData, firstObserved, lastObserved, numberObserved, objects.ToArray());
    }

    /// <summary>Resolves a reference (§9.7.4) among this observation's objects.</summary>
    /// <param name="key">The identifier (or, for <c>objects</c>, the key).</param>
    /// <param name="value">The referenced object.</param>
    /// <returns>Whether the observation holds it.</returns>
    public bool TryResolve(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StixValue? value)
    {
        if (_objects.Length <= 8)
        {
            foreach (var pair in _objects)
            {
                if (pair.Key == key)
                {
                    value = pair.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        _byKey ??= BuildIndex();
        return _byKey.TryGetValue(key, out value);
    }

    private Dictionary<string, StixValue> BuildIndex()
    {
        var index = new Dictionary<string, StixValue>(_objects.Length, StringComparer.Ordinal);
        foreach (var pair in _objects)
        {
            index.TryAdd(pair.Key, pair.Value);
        }

        return index;
    }
}
