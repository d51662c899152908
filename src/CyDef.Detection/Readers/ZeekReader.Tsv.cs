namespace CyDef.Detection.Readers;

internal sealed partial class ZeekReader
{
    private const int MaxColumns = 256;

    private readonly ZeekNames.Action[] _columns = new ZeekNames.Action[MaxColumns];
    private readonly bool[] _isSet = new bool[MaxColumns];
    private readonly byte[] _unescaped = new byte[8192];
    private int _columnCount = -1;
    private byte _separator = (byte)'\t';
    private byte _setSeparator = (byte)',';

    /// <summary>The TSV headers: <c>#separator</c> (written <c>\x09</c>), <c>#set_separator</c>, <c>#fields</c>, <c>#types</c>.</summary>
    private LineResult ReadHeader(ReadOnlySpan<byte> line, out SkipReason reason)
    {
        reason = default;
        if (line.StartsWith("#separator "u8))
        {
            var value = Unescape(line["#separator "u8.Length..]);
            _separator = value.Length == 1 ? value[0] : (byte)'\t';
            return LineResult.Ignored;
        }

        var cut = line.IndexOf(_separator);
        if (cut < 0)
        {
            return LineResult.Ignored;
        }

        var name = line[..cut];
        var rest = line[(cut + 1)..];
        if (name.SequenceEqual("#set_separator"u8))
        {
            var value = Unescape(rest);
            _setSeparator = value.Length == 1 ? value[0] : (byte)',';
        }
        else if (name.SequenceEqual("#fields"u8))
        {
            _columnCount = 0;
            foreach (var range in rest.Split(_separator))
            {
                if (_columnCount == MaxColumns)
                {
                    break;
                }

                _isSet[_columnCount] = false;
                _columns[_columnCount++] = ZeekNames.Lookup(rest[range]);
            }
        }
        else if (name.SequenceEqual("#types"u8))
        {
            var i = 0;
            foreach (var range in rest.Split(_separator))
            {
                if (i < MaxColumns)
                {
                    _isSet[i++] = rest[range].StartsWith("set["u8) || rest[range].StartsWith("vector["u8);
                }
            }
        }

        return LineResult.Ignored;
    }

    private LineResult ReadTsv(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        reason = default;
        if (_columnCount < 0)
        {
            reason = SkipReason.NoHeader;
            return LineResult.Skipped;
        }

        var column = 0;
        var hasTime = false;
        foreach (var range in line.Split(_separator))
        {
            if (column == _columnCount)
            {
                reason = SkipReason.Malformed;
                return LineResult.Skipped;
            }

            var value = line[range];
            if (!value.SequenceEqual("-"u8) && !value.SequenceEqual("(empty)"u8))
            {
                hasTime |= HandleTsv(_columns[column], _isSet[column], value, target);
            }

            column++;
        }

        if (column != _columnCount || !hasTime)
        {
            reason = column != _columnCount ? SkipReason.Malformed : SkipReason.BadTimestamp;
            return LineResult.Skipped;
        }

        return LineResult.Event;
    }

    /// <summary>Handles one TSV column; true when it was a readable <c>ts</c>.</summary>
    private bool HandleTsv(ZeekNames.Action action, bool isSet, ReadOnlySpan<byte> value, SensorEvent target)
    {
        switch (action.Kind)
        {
            case ZeekNames.Kind.Timestamp:
                var ok = Timestamps.TryParseEpochSeconds(value, out var ticks) || Timestamps.TryParseIso(value, out ticks);
                target.Ticks = ticks;
                return ok;
            case ZeekNames.Kind.SourcePort:
                target.SourcePort = Port(value);
                return false;
            case ZeekNames.Kind.DestinationPort:
                target.DestinationPort = Port(value);
                return false;
            case ZeekNames.Kind.HttpUri:
                target.SetHttpUri(Unescape(value));
                return false;
            case ZeekNames.Kind.Skip:
                return false;
        }

        if (!isSet)
        {
            AddTsv(action, Unescape(value), target);
            return false;
        }

        foreach (var range in value.Split(_setSeparator))
        {
            AddTsv(action, Unescape(value[range]), target);
        }

        return false;
    }

    private static void AddTsv(ZeekNames.Action action, ReadOnlySpan<byte> value, SensorEvent target)
    {
        switch (action.Kind)
        {
            case ZeekNames.Kind.Answer when JsonValues.LooksLikeIp(value):
                target.Add(EventField.ResolvedIp, value);
                break;
            case ZeekNames.Kind.Answer:
                target.Add(EventField.Domain, value);
                break;
            case ZeekNames.Kind.HttpHost:
                if (target.TryAdd(EventField.Domain, value))
                {
                    target.MarkHttpHost();
                }

                break;
            default:
                target.Add(action.Field, value);
                break;
        }
    }

    private static int Port(ReadOnlySpan<byte> value) =>
        System.Buffers.Text.Utf8Parser.TryParse(value, out int port, out var used) && used == value.Length && port is >= 0 and <= 65535 ? port : -1;

    /// <summary>Zeek writes bytes it must not print, and the separators, as <c>\xHH</c>.</summary>
    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> value)
    {
        if (value.IndexOf("\\x"u8) < 0 || value.Length > _unescaped.Length)
        {
            return value;
        }

        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == (byte)'\\' && i + 3 < value.Length && value[i + 1] == (byte)'x'
                && System.Buffers.Text.Utf8Parser.TryParse(value.Slice(i + 2, 2), out byte b, out var used, 'x') && used == 2)
            {
                _unescaped[length++] = b;
                i += 3;
            }
            else
            {
                _unescaped[length++] = value[i];
            }
        }

        return _unescaped.AsSpan(0, length);
    }
}
