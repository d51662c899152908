using System.Text;
using System.Text.Json;

namespace CyDef.Stix.Json;

/// <summary>
/// Shares the values that repeat across a feed — object types, vocabulary terms, the ids of markings and
/// creators, small numbers — so that reading them costs a lookup rather than a new string and a new value.
/// One per thread; a fixed number of slots, each holding the last value that hashed there.
/// </summary>
internal sealed class ValueCache
{
    private const int Slots = 4096;
    private const int MaxStringBytes = 96;
    private const int MaxNumberBytes = 4;

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

        ref var slot = ref _slots[Utf8Hash.Of(raw) & (Slots - 1)];
        if (slot.Value is { Kind: StixValueKind.String } cached && raw.SequenceEqual(slot.Key))
        {
            return cached;
        }

        // GetString validates the UTF-8 (and throws on bad input) before the value is kept.
        var value = StixValue.SharedString(reader.GetString()!);
        slot = new Slot(raw.ToArray(), value);
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

        ref var slot = ref _slots[(Utf8Hash.Of(raw) ^ 0x5bd1e995) & (Slots - 1)];
        if (slot.Value is { Kind: StixValueKind.Number } cached && raw.SequenceEqual(slot.Key))
        {
            return cached;
        }

        var value = StixValue.SharedNumber(Encoding.UTF8.GetString(raw));
        slot = new Slot(raw.ToArray(), value);
        return value;
    }

    private readonly record struct Slot(byte[] Key, StixValue? Value);
}
