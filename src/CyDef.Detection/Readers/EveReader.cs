using System.Text.Json;

namespace CyDef.Detection.Readers;

/// <summary>
/// Suricata EVE JSON (one record per line): addresses, ports and protocol of every record; <c>dns</c> in the v2
/// layout (<c>rrname</c>, <c>answers</c> or <c>grouped</c>) and Suricata 8's v3 (<c>queries</c>, <c>answers</c>);
/// <c>http</c> (host and URL); <c>tls</c> (SNI, JA3/JA3S, JA4, the certificate's fingerprint, serial, subject,
/// issuer); <c>fileinfo</c> and <c>files</c> (name, hashes); <c>smtp</c> and <c>email</c> (addresses) — whatever
/// the <c>event_type</c>, so that an alert's metadata count too. Other properties are passed over. A line is read by
/// the fast path (<c>EveReader.Fast.cs</c>), and by <see cref="Utf8JsonReader"/> only when the fast path cannot vouch
/// for it; both take the same values and refuse the same lines.
/// </summary>
internal sealed partial class EveReader : SensorRecordReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth };

    private readonly bool _fastPath;
    private bool _badTime;
    private IsoMinute _lastMinute;

    /// <summary>Creates a reader.</summary>
    /// <param name="fastPath">Whether lines are read first by the fast path (<see cref="TryReadFast"/>), and by
    /// <see cref="Utf8JsonReader"/> only when it cannot vouch for them; false, every line by <see cref="Utf8JsonReader"/>
    /// (for tests and benchmarks that compare both).</param>
    public EveReader(bool fastPath = true) => _fastPath = fastPath;

    public override LineResult Read(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        target.Reset();
        reason = default;
        _badTime = true;
        if (!_fastPath || !TryReadFast(line, target))
        {
            // Blank lines, lines that are not UTF-8, and those the fast path cannot vouch for.
            target.Reset();
            _badTime = true;
            var check = Check(line, out reason);
            if (check != LineResult.Event)
            {
                return check;
            }

            if (!TryReadAll(line, target, out reason))
            {
                return LineResult.Skipped;
            }
        }

        if (_badTime)
        {
            reason = SkipReason.BadTimestamp;
            return LineResult.Skipped;
        }

        target.Complete();
        return LineResult.Event;
    }

    /// <summary>The line read token by token with <see cref="Utf8JsonReader"/>, which decides whether it is JSON.</summary>
    private bool TryReadAll(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        reason = default;
        var reader = new Utf8JsonReader(line, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reason = SkipReason.Malformed;
                return false;
            }

            ReadObject(ref reader, Context.Root, target);
            while (reader.Read())
            {
                // A second value after the record: not one EVE record.
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a value taken holds an escape that is no text (a lone surrogate, "\\uD800").
            reason = e is JsonException ? JsonFailure.Reason(line, reader.CurrentDepth) : SkipReason.Malformed;
            return false;
        }

        return true;
    }

    /// <summary>The properties of an object.</summary>
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

                reader.Skip(); // an object or array in its place (a string or other single token: nothing to skip)
                break;
            case ActionKind.HttpUri:
                JsonValues.SetUri(ref reader, target);
                break;
            case ActionKind.Timestamp:
                long ticks = 0;
                _badTime = reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                    || !Timestamps.TryParseIso(reader.ValueSpan, ref _lastMinute, out ticks);
                target.Ticks = ticks;
                reader.Skip();
                break;
            case ActionKind.SourcePort:
                target.SourcePort = JsonValues.Port(ref reader);
                reader.Skip();
                break;
            case ActionKind.DestinationPort:
                target.DestinationPort = JsonValues.Port(ref reader);
                reader.Skip();
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
