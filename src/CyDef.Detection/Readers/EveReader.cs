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

    private readonly bool _scanSkipped;
    private byte[] _rest = new byte[1024];
    private bool _badTime;

    /// <summary>Creates a reader.</summary>
    /// <param name="scanSkipped">Whether objects and arrays the reader does not need are passed over by a scan for their
    /// closing bracket (<see cref="SkippedValue"/>) rather than token by token; false only for tests that compare both.</param>
    public EveReader(bool scanSkipped = true) => _scanSkipped = scanSkipped;

    public override LineResult Read(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        target.Reset();
        var check = Check(line, out reason);
        if (check != LineResult.Event)
        {
            return check;
        }

        _badTime = true;
        var data = line;
        var reader = new Utf8JsonReader(data, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reason = SkipReason.Malformed;
                return LineResult.Skipped;
            }

            ReadObject(ref reader, ref data, Context.Root, target);
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

    /// <summary>
    /// The properties of an object. <paramref name="data"/> is the text <paramref name="reader"/> reads: the line, or
    /// after a skipped object or array the rest of it in <see cref="_rest"/> (see <see cref="SkipScanned"/>).
    /// </summary>
    private void ReadObject(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> data, Context context, SensorEvent target)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var action = Lookup(context, reader.ValueSpan);
            reader.Read();
            if (action.Kind == ActionKind.Skip && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                && _scanSkipped && SkipScanned(ref reader, ref data))
            {
                continue;
            }

            Handle(ref reader, ref data, action, target);
        }
    }

    /// <summary>
    /// Passes over the object or array whose opening bracket was just read (<c>flow</c>, <c>tcp</c>, <c>alert</c> …)
    /// by a scan for its closing bracket, which costs a fraction of reading its tokens; false, having moved nothing,
    /// when the scan cannot vouch for it (see <see cref="SkippedValue"/>): the reader then walks it as before, so that
    /// its errors are found and reported as they were. To go on after it, a new reader takes the state of this one
    /// (just after the opening bracket) over a copy of the rest of the line from the closing bracket on: it reads that
    /// bracket, and the record goes on as if the value had been empty. The rest of the line is read and checked by the
    /// JSON reader as before.
    /// </summary>
    private bool SkipScanned(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> data)
    {
        // CurrentDepth of an opening bracket is the depth of the object that holds it.
        var end = SkippedValue.End(data, (int)reader.TokenStartIndex, MaxDepth - reader.CurrentDepth - 1);
        if (end < 0)
        {
            return false;
        }

        var rest = data[(end - 1)..];
        if (rest.Length > _rest.Length)
        {
            // When data is already in _rest, the old array stays alive (data refers to it) until the copy is made.
            _rest = new byte[Math.Max(_rest.Length * 2, rest.Length)];
        }

        // data may itself lie in _rest, further along: CopyTo copies overlapping spans as if through a temporary.
        rest.CopyTo(_rest);
        data = _rest.AsSpan(0, rest.Length);
        reader = new Utf8JsonReader(data, isFinalBlock: true, reader.CurrentState);
        reader.Read(); // the closing bracket
        return true;
    }

    private void Handle(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> data, Action action, SensorEvent target)
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
                Enter(ref reader, ref data, action.Context, target);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>An object, or an array of objects, read in <paramref name="context"/>.</summary>
    private void Enter(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> data, Context context, SensorEvent target)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadObject(ref reader, ref data, context, target);
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
                ReadObject(ref reader, ref data, context, target);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
