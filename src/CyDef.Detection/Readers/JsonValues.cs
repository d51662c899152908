using System.Text.Json;

namespace CyDef.Detection.Readers;

/// <summary>Values taken from a <see cref="Utf8JsonReader"/> into an event, unescaped in place, without allocation.</summary>
internal static class JsonValues
{
    /// <summary>A string, or each string of an array; anything else is skipped.</summary>
    public static void AddStrings(ref Utf8JsonReader reader, EventField field, SensorEvent target)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            AddString(ref reader, field, target);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                AddString(ref reader, field, target);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Adds the current string token; false when the event had no room or the value normalised to nothing.</summary>
    public static bool AddString(ref Utf8JsonReader reader, EventField field, SensorEvent target)
    {
        var before = target.Count;
        if (!target.TryReserve(reader.ValueSpan.Length, out var room))
        {
            return false;
        }

        var written = reader.ValueIsEscaped ? reader.CopyString(room) : Copy(reader.ValueSpan, room);
        target.Commit(field, written);
        return target.Count > before;
    }

    /// <summary>A DNS answer's data: an address, or a name (CNAME, NS, PTR, MX); other data (TXT …) is left out.</summary>
    public static void AddAnswers(ref Utf8JsonReader reader, SensorEvent target)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        if (AnswerField(reader.ValueSpan) is { } field)
        {
            AddString(ref reader, field, target);
        }
    }

    /// <summary>What a DNS answer's data is: an address, a name (CNAME, NS, PTR, MX), or neither (TXT …: left out).</summary>
    public static EventField? AnswerField(ReadOnlySpan<byte> value) =>
        LooksLikeIp(value) ? EventField.ResolvedIp : LooksLikeHostName(value) ? EventField.Domain : null;

    public static void SetUri(ref Utf8JsonReader reader, SensorEvent target)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        if (!reader.ValueIsEscaped)
        {
            target.SetHttpUri(reader.ValueSpan);
            return;
        }

        Span<byte> buffer = stackalloc byte[Math.Min(reader.ValueSpan.Length, 8192)];
        if (reader.ValueSpan.Length <= buffer.Length)
        {
            target.SetHttpUri(buffer[..reader.CopyString(buffer)]);
        }
    }

    public static int Port(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var port) && port is >= 0 and <= 65535 ? port : -1;

    public static bool LooksLikeIp(ReadOnlySpan<byte> value) =>
        value.Length is >= 2 and <= 45 && !value.ContainsAnyExcept("0123456789abcdefABCDEF.:"u8) && (value.Contains((byte)':') || value.Contains((byte)'.'));

    private static bool LooksLikeHostName(ReadOnlySpan<byte> value) =>
        value.Length is > 0 and <= 253 && value.Contains((byte)'.')
        && !value.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"u8);

    private static int Copy(ReadOnlySpan<byte> value, Span<byte> room)
    {
        value.CopyTo(room);
        return value.Length;
    }
}
