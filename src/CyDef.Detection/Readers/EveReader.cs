using System.Text.Json;

namespace CyDef.Detection.Readers;

/// <summary>
/// Suricata EVE JSON (one record per line): addresses, ports and protocol of every record; <c>dns</c> in the v2
/// layout (<c>rrname</c>, <c>answers</c> or <c>grouped</c>) and Suricata 8's v3 (<c>queries</c>, <c>answers</c>);
/// <c>http</c> (host and URL); <c>tls</c> (SNI, JA3/JA3S, JA4, the certificate's fingerprint, serial, subject,
/// issuer); <c>fileinfo</c> and <c>files</c> (name, hashes); <c>smtp</c> and <c>email</c> (addresses) — whatever
/// the <c>event_type</c>, so that an alert's metadata count too. Other properties are skipped unread.
/// </summary>
internal sealed partial class EveReader : SensorRecordReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth };

    private bool _badTime;

    public override LineResult Read(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        target.Reset();
        var check = Check(line, out reason);
        if (check != LineResult.Event)
        {
            return check;
        }

        _badTime = true;
        var reader = new Utf8JsonReader(line, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reason = SkipReason.Malformed;
                return LineResult.Skipped;
            }

            ReadObject(ref reader, Context.Root, target);
            while (reader.Read())
            {
                // A second value after the record: not one EVE record.
            }
        }
        catch (JsonException)
        {
            reason = JsonFailure.Reason(line, reader.CurrentDepth);
            return LineResult.Skipped;
        }

        if (_badTime)
        {
            reason = SkipReason.BadTimestamp;
            return LineResult.Skipped;
        }

        target.Complete();
        return LineResult.Event;
    }

    private void ReadObject(ref Utf8JsonReader reader, Context context, SensorEvent target)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var action = Lookup(context, reader.ValueSpan);
            reader.Read();
            Handle(ref reader, action, target);
        }
    }

    private void Handle(ref Utf8JsonReader reader, Action action, SensorEvent target)
    {
        switch (action.Kind)
        {
            case ActionKind.Value:
                JsonValues.AddStrings(ref reader, action.Field, target);
                break;
            case ActionKind.Answer:
                JsonValues.AddAnswers(ref reader, target);
                break;
            case ActionKind.HttpHost:
                if (reader.TokenType == JsonTokenType.String && JsonValues.AddString(ref reader, EventField.Domain, target))
                {
                    target.MarkHttpHost();
                }

                break;
            case ActionKind.HttpUri:
                JsonValues.SetUri(ref reader, target);
                break;
            case ActionKind.Timestamp:
                long ticks = 0;
                _badTime = reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                    || !Timestamps.TryParseIso(reader.ValueSpan, out ticks);
                target.Ticks = ticks;
                break;
            case ActionKind.SourcePort:
                target.SourcePort = JsonValues.Port(ref reader);
                break;
            case ActionKind.DestinationPort:
                target.DestinationPort = JsonValues.Port(ref reader);
                break;
            case ActionKind.Enter:
                Enter(ref reader, action.Context, target);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>An object, or an array of objects, read in <paramref name="context"/>.</summary>
    private void Enter(ref Utf8JsonReader reader, Context context, SensorEvent target)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadObject(ref reader, context, target);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadObject(ref reader, context, target);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
