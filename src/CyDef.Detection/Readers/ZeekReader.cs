using System.Text.Json;

namespace CyDef.Detection.Readers;

/// <summary>
/// Zeek logs, JSON lines (<c>LogAscii::use_json</c>) or TSV with the <c>#separator</c>/<c>#fields</c> headers,
/// told apart line by line: conn, dns, http, ssl, files, x509 and smtp fields by name (<see cref="ZeekNames"/>),
/// whatever the log. <c>ts</c> is seconds since 1970 or ISO 8601.
/// </summary>
internal sealed partial class ZeekReader : SensorRecordReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth };

    public override LineResult Read(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        target.Reset();
        var check = Check(line, out reason);
        if (check != LineResult.Event)
        {
            return check;
        }

        var trimmed = line.TrimStart(" \t"u8);
        var result = trimmed[0] == (byte)'{' ? ReadJson(line, target, out reason)
            : trimmed[0] == (byte)'#' ? ReadHeader(line, out reason)
            : ReadTsv(line, target, out reason);
        if (result == LineResult.Event)
        {
            target.Complete();
        }

        return result;
    }

    private static LineResult ReadJson(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        reason = default;
        var reader = new Utf8JsonReader(line, Options);
        var hasTime = false;
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var action = ZeekNames.Lookup(reader.ValueSpan);
                reader.Read();
                hasTime |= HandleJson(ref reader, action, target);
            }

            while (reader.Read())
            {
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a value taken holds an escape that is no text (a lone surrogate, "\\uD800").
            reason = e is JsonException ? JsonFailure.Reason(line, reader.CurrentDepth) : SkipReason.Malformed;
            return LineResult.Skipped;
        }

        if (!hasTime)
        {
            reason = SkipReason.BadTimestamp;
            return LineResult.Skipped;
        }

        return LineResult.Event;
    }

    /// <summary>Handles one JSON property; true when it was a readable <c>ts</c>.</summary>
    private static bool HandleJson(ref Utf8JsonReader reader, ZeekNames.Action action, SensorEvent target)
    {
        switch (action.Kind)
        {
            case ZeekNames.Kind.Value:
                JsonValues.AddStrings(ref reader, action.Field, target);
                return false;
            case ZeekNames.Kind.Answer:
                ReadAnswers(ref reader, target);
                return false;
            case ZeekNames.Kind.HttpHost:
                if (reader.TokenType == JsonTokenType.String && JsonValues.AddString(ref reader, EventField.Domain, target))
                {
                    target.MarkHttpHost();
                }

                return false;
            case ZeekNames.Kind.HttpUri:
                JsonValues.SetUri(ref reader, target);
                return false;
            case ZeekNames.Kind.SourcePort:
                target.SourcePort = JsonValues.Port(ref reader);
                return false;
            case ZeekNames.Kind.DestinationPort:
                target.DestinationPort = JsonValues.Port(ref reader);
                return false;
            case ZeekNames.Kind.Timestamp:
                return JsonTime(ref reader, target);
            default:
                reader.Skip();
                return false;
        }
    }

    private static bool JsonTime(ref Utf8JsonReader reader, SensorEvent target)
    {
        long ticks = 0;
        var ok = !reader.ValueIsEscaped && reader.TokenType switch
        {
            JsonTokenType.Number => Timestamps.TryParseEpochSeconds(reader.ValueSpan, out ticks),
            JsonTokenType.String => Timestamps.TryParseIso(reader.ValueSpan, out ticks),
            _ => false,
        };
        target.Ticks = ticks;
        return ok;
    }

    private static void ReadAnswers(ref Utf8JsonReader reader, SensorEvent target)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            JsonValues.AddAnswers(ref reader, target);
        }
    }
}
