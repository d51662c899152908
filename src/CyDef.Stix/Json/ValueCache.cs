using System.Text;
using System.Text.Json;

namespace CyDef.Stix.Json;

/// <summary>
/// Shares the values that repeat across a feed — object types, vocabulary terms, the ids of markings and
/// creators, small numbers, and short lists and small objects made only of these (markings, labels, indicator
/// types, kill chain phases, granular markings) — so that reading them costs a lookup rather than new values.
/// </summary>
/// <remarks>
/// One per thread. A value hashes to a pair of slots and keeps the first free one for good: values that stay
/// put are promoted once, while replacing them would keep handing young objects to an old table, which costs
/// every collection. A value whose slots are both taken by others is read as usual, not shared.
/// </remarks>
internal sealed class ValueCache
{
    private const int Slots = 8192;
    private const int MaxStringBytes = 96;
    private const int MaxNumberBytes = 3;

    private const int ArraySlots = 1024;
    private const int MaxArrayItems = 4;

    private readonly Slot[] _slots = new Slot[Slots];
    private readonly StixValue?[] _arrays = new StixValue?[ArraySlots];
    private readonly StixValue?[] _objects = new StixValue?[ArraySlots];

    /// <summary>
    /// A shared object with these properties, when they are few, all of shared values, and none is <c>type</c> or
    /// <c>id</c> (so that the object is not a STIX object, which is never shared); <see langword="null"/> otherwise.
    /// </summary>
    /// <param name="properties">The properties just read; their names are interned when they are known ones.</param>
    public StixValue? Object(ReadOnlySpan<StixProperty> properties)
    {
        if (properties.IsEmpty || properties.Length > MaxArrayItems)
        {
            return null;
        }

        var hash = 17;
        foreach (var (name, value) in properties)
        {
            if (!value.IsShared || name is "type" or "id")
            {
                return null;
            }

            // The name's length and ends tell known names apart well enough: the values' keys do the rest.
            hash = (((hash * 31) + (name.Length == 0 ? 0 : (name.Length * 961) + (name[0] * 31) + name[^1])) * 31) + value.ShareKey;
        }

        var first = hash & (ArraySlots - 2);
        for (var i = first; i <= first + 1; i++)
        {
            if (_objects[i] is not { } known)
            {
                var value = StixValue.SharedObject(properties.ToArray());
                _objects[i] = value;
                return value;
            }

            if (SameProperties(known.Properties, properties))
            {
                return known;
            }
        }

        return null;
    }

    private static bool SameProperties(ReadOnlySpan<StixProperty> a, ReadOnlySpan<StixProperty> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i].Value, b[i].Value) || a[i].Name != b[i].Name)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A shared array with these items, when they are few and all shared (so equal items are the same instance,
    /// and a list is recognised by their references); <see langword="null"/> when the array is not to be shared.
    /// </summary>
    /// <param name="items">The items just read.</param>
    public StixValue? Array(ReadOnlySpan<StixValue> items)
    {
        if (items.IsEmpty || items.Length > MaxArrayItems)
        {
            return null;
        }

        var hash = 17;
        foreach (var item in items)
        {
            if (!item.IsShared)
            {
                return null;
            }

            hash = (hash * 31) + item.ShareKey;
        }

        var first = hash & (ArraySlots - 2);
        for (var i = first; i <= first + 1; i++)
        {
            if (_arrays[i] is not { } array)
            {
                var value = StixValue.SharedArray(items.ToArray());
                _arrays[i] = value;
                return value;
            }

            if (array.Items.SequenceEqual(items))
            {
                return array;
            }
        }

        return null;
    }

    /// <summary>The current string token, shared when it is short and unescaped.</summary>
    /// <param name="reader">A reader on a string token.</param>
    public StixValue String(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped || reader.HasValueSequence || raw.Length > MaxStringBytes)
        {
            return StixValue.String(reader.GetString()!);
        }

        var found = Find(raw, Utf8Hash.Of(raw), StixValueKind.String, out var free);
        if (found is not null || free < 0)
        {
            return found ?? StixValue.String(reader.GetString()!);
        }

        // GetString validates the UTF-8 (and throws on bad input) before the value is kept.
        return Keep(raw, free, StixValue.SharedString(reader.GetString()!));
    }

    /// <summary>A string written without escapes in text known to be UTF-8, shared when it is short.</summary>
    /// <param name="raw">The string's bytes between the quotes.</param>
    public StixValue String(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxStringBytes)
        {
            return StixValue.String(Encoding.UTF8.GetString(raw));
        }

        var found = Find(raw, Utf8Hash.Of(raw), StixValueKind.String, out var free);
        return found ?? (free < 0
            ? StixValue.String(Encoding.UTF8.GetString(raw))
            : Keep(raw, free, StixValue.SharedString(Encoding.UTF8.GetString(raw))));
    }

    /// <summary>
    /// A property name that is not a known one, from its UTF-8 (valid, without escapes): kept like a string value, so
    /// that every object of a feed with the same custom property has the same name, decoded once.
    /// </summary>
    /// <param name="raw">The name's bytes between the quotes.</param>
    public string Name(ReadOnlySpan<byte> raw) =>
        raw.Length <= MaxStringBytes ? String(raw).GetString() : Encoding.UTF8.GetString(raw);

    /// <summary>The current number token, shared when it is short.</summary>
    /// <param name="reader">A reader on a number token, over a single span (the reader never reads sequences).</param>
    public StixValue Number(ref Utf8JsonReader reader) => Number(reader.ValueSpan);

    /// <summary>A number token, shared when it is short.</summary>
    /// <param name="raw">The number's text, checked by JSON's grammar.</param>
    public StixValue Number(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxNumberBytes)
        {
            return StixValue.Number(Encoding.UTF8.GetString(raw));
        }

        var found = Find(raw, Utf8Hash.Of(raw) ^ 0x5bd1e995, StixValueKind.Number, out var free);
        return found ?? (free < 0
            ? StixValue.Number(Encoding.UTF8.GetString(raw))
            : Keep(raw, free, StixValue.SharedNumber(Encoding.UTF8.GetString(raw))));
    }

    private StixValue Keep(ReadOnlySpan<byte> raw, int free, StixValue value)
    {
        _slots[free] = new Slot(raw.ToArray(), value);
        return value;
    }

    private StixValue? Find(ReadOnlySpan<byte> raw, uint hash, StixValueKind kind, out int free)
    {
        free = -1;
        var first = (int)(hash & (Slots - 1));
        for (var i = first; i <= (first | 1); i++)
        {
            ref var slot = ref _slots[i];
            if (slot.Value is not { } value)
            {
                free = i;
                return null;
            }

            if (value.Kind == kind && raw.SequenceEqual(slot.Key))
            {
                return value;
            }
        }

        return null;
    }

    private readonly record struct Slot(byte[] Key, StixValue? Value);
}
