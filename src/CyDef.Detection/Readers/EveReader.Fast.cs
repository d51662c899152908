using CyDef.Stix.Json;

namespace CyDef.Detection.Readers;

/// <summary>
/// The fast path: one forward pass over the line (<see cref="JsonScan"/>) that takes the same values, in the same order,
/// as the token-by-token read with <see cref="System.Text.Json.Utf8JsonReader"/>, and checks everything it passes over
/// as strictly. It costs a fraction of that read: where strings end is read from a bitmap of the line's quotes made in
/// one sweep, which also finds whether the line is ASCII (then it is UTF-8 with no further check), and nothing is
/// tracked that one EVE line does not need. Where it cannot vouch for the line — malformed JSON, not UTF-8, an escape in
/// a value or name it takes, nesting near the limit, a blank line — it answers false having decided nothing, and the
/// line is checked and read again by <see cref="System.Text.Json.Utf8JsonReader"/>, which decides (rare in sensor output).
/// </summary>
internal sealed partial class EveReader
{
    /// <summary>
    /// How deeply the fast path lets objects and arrays nest (the record counts one): below the Utf8JsonReader's limit
    /// (<see cref="SensorRecordReader.MaxDepth"/>), so that nothing it accepts is too deep for that reader.
    /// </summary>
    private const int MaxNesting = SensorRecordReader.MaxDepth - 4;

    /// <summary>The line's bitmap of bytes where strings may end (<see cref="JsonScan"/>), kept for the next line.</summary>
    private ulong[] _stops = new ulong[64];

    private bool TryReadFast(ReadOnlySpan<byte> line, SensorEvent target)
    {
        var scan = new JsonScan(line, JsonScan.Room(ref _stops, line.Length), MaxNesting);
        target.KnownAscii = scan.IsAscii; // the values are the line's own bytes: a line the pass refuses is read again from a reset event
        return scan.Next() == '{' && FastMembers(ref scan, Context.Root, target, 1) && scan.Next() < 0
            && (scan.IsAscii || System.Text.Unicode.Utf8.IsValid(line));
    }

    /// <summary>The members of an object whose <c>{</c> was read; <paramref name="depth"/> is its nesting.</summary>
    private bool FastMembers(ref JsonScan scan, Context context, SensorEvent target, int depth)
    {
        if (scan.Peek() == '}')
        {
            scan.Advance();
            return true;
        }

        while (true)
        {
            if (!scan.Name(out var name) || !FastValue(ref scan, Lookup(context, name), target, depth))
            {
                return false;
            }

            var next = scan.Next();
            if (next != ',')
            {
                return next == '}';
            }
        }
    }

    /// <summary>A member's value, which <paramref name="action"/> says what to do with (see <see cref="Handle"/>).</summary>
    private bool FastValue(ref JsonScan scan, Action action, SensorEvent target, int depth)
    {
        var first = scan.Peek();
        ReadOnlySpan<byte> value;
        switch (action.Kind)
        {
            case ActionKind.Value when first == '"':
                if (!scan.String(out value))
                {
                    return false;
                }

                target.TryAdd(action.Field, value);
                return true;
            case ActionKind.Value when first == '[':
                return FastStrings(ref scan, action.Field, target, depth);
            case ActionKind.Answer when first == '"':
                if (!scan.String(out value))
                {
                    return false;
                }

                if (JsonValues.AnswerField(value) is { } field)
                {
                    target.TryAdd(field, value);
                }

                return true;
            case ActionKind.HttpHost when first == '"':
                if (!scan.String(out value))
                {
                    return false;
                }

                if (target.TryAdd(EventField.Domain, value))
                {
                    target.MarkHttpHost();
                }

                return true;
            case ActionKind.HttpUri when first == '"':
                if (!scan.String(out value))
                {
                    return false;
                }

                target.SetHttpUri(value);
                return true;
            case ActionKind.Timestamp when first == '"':
                if (!scan.String(out value))
                {
                    return false;
                }

                _badTime = !Timestamps.TryParseIso(value, ref _lastMinute, out var ticks);
                target.Ticks = ticks;
                return true;
            case ActionKind.Timestamp:
                _badTime = true;
                target.Ticks = 0;
                return scan.SkipValue(depth);
            case ActionKind.SourcePort or ActionKind.DestinationPort:
                var port = -1;
                if (first == '-' || (uint)(first - '0') <= 9)
                {
                    if (!scan.Number(out value))
                    {
                        return false;
                    }

                    port = JsonScan.TryInt32(value, out var n) && n is >= 0 and <= 65535 ? n : -1;
                }
                else if (!scan.SkipValue(depth))
                {
                    return false;
                }

                if (action.Kind == ActionKind.SourcePort)
                {
                    target.SourcePort = port;
                }
                else
                {
                    target.DestinationPort = port;
                }

                return true;
            case ActionKind.Enter when first == '{':
                if (depth >= scan.MaxNesting)
                {
                    return false;
                }

                scan.Advance();
                return FastMembers(ref scan, action.Context, target, depth + 1);
            case ActionKind.Enter when first == '[':
                return FastObjects(ref scan, action.Context, target, depth);
            default:
                return scan.SkipValue(depth);
        }
    }

    /// <summary>An array whose strings are values of <paramref name="field"/>; anything else in it is passed over.</summary>
    private static bool FastStrings(ref JsonScan scan, EventField field, SensorEvent target, int depth)
    {
        var items = scan.OpenArray(depth);
        if (items != ArrayStart.Items)
        {
            return items == ArrayStart.Empty;
        }

        bool closed;
        do
        {
            if (scan.Peek() != '"')
            {
                if (!scan.SkipValue(depth + 1))
                {
                    return false;
                }
            }
            else if (scan.String(out var value))
            {
                target.TryAdd(field, value);
            }
            else
            {
                return false;
            }
        }
        while (scan.MoreItems(out closed));

        return closed;
    }

    /// <summary>An array whose objects are read in <paramref name="context"/>; anything else in it is passed over.</summary>
    private bool FastObjects(ref JsonScan scan, Context context, SensorEvent target, int depth)
    {
        // The objects nest one deeper than the array: it must leave them room.
        var items = scan.OpenArray(depth + 1);
        if (items != ArrayStart.Items)
        {
            return items == ArrayStart.Empty;
        }

        bool closed;
        do
        {
            if (scan.Peek() != '{')
            {
                if (!scan.SkipValue(depth + 1))
                {
                    return false;
                }
            }
            else
            {
                scan.Advance();
                if (!FastMembers(ref scan, context, target, depth + 2))
                {
                    return false;
                }
            }
        }
        while (scan.MoreItems(out closed));

        return closed;
    }
}
