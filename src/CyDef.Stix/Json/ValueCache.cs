using System.Text;
using System.Text.Json;

namespace CyDef.Stix.Json;

/// <summary>
/// Shares the values that repeat across a feed — object types, vocabulary terms, the ids of markings and
/// creators, small numbers — so that reading them costs a lookup rather than a new string and a new value.
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

    private readonly Slot[] _slots = new Slot[Slots];

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
        var value = StixValue.SharedString(reader.GetString()!);
        _slots[free] = new Slot(raw.ToArray(), value);
        return value;
    }

    /// <summary>The current number token, shared when it is short.</summary>
    /// <param name="reader">A reader on a number token, over a single span (the reader never reads sequences).</param>
    public StixValue Number(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (raw.Length > MaxNumberBytes)
        {
            return StixValue.Number(Encoding.UTF8.GetString(raw));
        }

        var found = Find(raw, Utf8Hash.Of(raw) ^ 0x5bd1e995, StixValueKind.Number, out var free);
        if (found is not null || free < 0)
        {
            return found ?? StixValue.Number(Encoding.UTF8.GetString(raw));
        }

        var value = StixValue.SharedNumber(Encoding.UTF8.GetString(raw));
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
