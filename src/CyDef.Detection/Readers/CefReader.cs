namespace CyDef.Detection.Readers;

/// <summary>
/// ArcSight Common Event Format (<c>CEF:0|vendor|product|version|id|name|severity|key=value …</c>), alone on a line
/// or after a syslog header (RFC 3164 or 5424). The extension's keys give addresses (<c>src</c>, <c>dst</c>,
/// <c>c6a2</c>, <c>c6a3</c>), ports, protocol, host names (<c>shost</c>, <c>dhost</c>, <c>*DnsDomain</c>), the
/// URL (<c>request</c>), the file (<c>fname</c>, <c>fileHash</c> by length) and e-mail users; the time is
/// <c>rt</c> (or <c>start</c>/<c>end</c>), else the RFC 5424 header's, else the clock.
/// </summary>
internal sealed class CefReader(TimeProvider clock) : SensorRecordReader
{
    private readonly byte[] _value = new byte[8192];

    public override LineResult Read(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason)
    {
        target.Reset();
        var check = Check(line, out reason);
        if (check != LineResult.Event)
        {
            return check;
        }

        var cef = line.IndexOf("CEF:"u8);
        if (cef < 0)
        {
            reason = SkipReason.NotCef;
            return LineResult.Skipped;
        }

        var extension = AfterHeader(line[cef..]);
        if (extension < 0)
        {
            reason = SkipReason.Truncated;
            return LineResult.Skipped;
        }

        var hasTime = false;
        ReadExtension(line[(cef + extension)..], target, ref hasTime);
        if (!hasTime)
        {
            target.Ticks = SyslogTime(line[..cef], out var ticks) ? ticks : clock.GetUtcNow().UtcTicks;
        }

        target.Complete();
        return LineResult.Event;
    }

    /// <summary>Where the extension starts: after the seventh unescaped '|'.</summary>
    private static int AfterHeader(ReadOnlySpan<byte> record)
    {
        var pipes = 0;
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i] == (byte)'\\')
            {
                i++;
            }
            else if (record[i] == (byte)'|' && ++pipes == 7)
            {
                return i + 1;
            }
        }

        return -1;
    }

    private void ReadExtension(ReadOnlySpan<byte> extension, SensorEvent target, ref bool hasTime)
    {
        var keyStart = 0;
        var eq = NextEquals(extension, 0);
        while (eq > 0)
        {
            var key = extension[keyStart..eq].Trim((byte)' ');
            var next = NextEquals(extension, eq + 1);
            var valueEnd = extension.Length;
            if (next > 0)
            {
                var space = extension[(eq + 1)..next].LastIndexOf((byte)' ');
                if (space < 0)
                {
                    break;
                }

                valueEnd = eq + 1 + space;
                keyStart = valueEnd + 1;
            }

            Handle(key, Unescape(extension[(eq + 1)..valueEnd]), target, ref hasTime);
            eq = next;
        }
    }

    private static int NextEquals(ReadOnlySpan<byte> text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == (byte)'\\')
            {
                i++;
            }
            else if (text[i] == (byte)'=')
            {
                return i;
            }
        }

        return -1;
    }

    private static void Handle(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SensorEvent target, ref bool hasTime)
    {
        switch (key)
        {
            case var k when k.SequenceEqual("src"u8) || k.SequenceEqual("c6a2"u8):
                target.Add(EventField.SourceIp, value);
                break;
            case var k when k.SequenceEqual("dst"u8) || k.SequenceEqual("c6a3"u8):
                target.Add(EventField.DestinationIp, value);
                break;
            case var k when k.SequenceEqual("spt"u8):
                target.SourcePort = Port(value);
                break;
            case var k when k.SequenceEqual("dpt"u8):
                target.DestinationPort = Port(value);
                break;
            case var k when k.SequenceEqual("proto"u8):
                target.Add(EventField.Protocol, value);
                break;
            case var k when k.SequenceEqual("dhost"u8):
                AddHost(value, target);
                break;
            case var k when k.SequenceEqual("shost"u8) || k.SequenceEqual("sourceDnsDomain"u8) || k.SequenceEqual("destinationDnsDomain"u8):
                target.Add(EventField.Domain, value);
                break;
            case var k when k.SequenceEqual("request"u8):
                target.SetHttpUri(value);
                break;
            case var k when k.SequenceEqual("fname"u8):
                target.Add(EventField.FileName, value);
                break;
            case var k when k.SequenceEqual("fileHash"u8) || k.SequenceEqual("oldFileHash"u8):
                AddHash(value, target);
                break;
            case var k when (k.SequenceEqual("suser"u8) || k.SequenceEqual("duser"u8)) && value.Contains((byte)'@'):
                target.Add(EventField.Email, value);
                break;
            case var k when k.SequenceEqual("rt"u8) || k.SequenceEqual("start"u8) || k.SequenceEqual("end"u8):
                if (!hasTime && CefTime(value, out var ticks))
                {
                    target.Ticks = ticks;
                    hasTime = true;
                }

                break;
        }
    }

    private static void AddHost(ReadOnlySpan<byte> value, SensorEvent target)
    {
        if (JsonValues.LooksLikeIp(value))
        {
            return;
        }

        var before = target.Count;
        target.Add(EventField.Domain, value);
        if (target.Count > before)
        {
            target.MarkHttpHost();
        }
    }

    private static void AddHash(ReadOnlySpan<byte> value, SensorEvent target)
    {
        var field = value.Length switch { 32 => EventField.Md5, 40 => EventField.Sha1, 64 => EventField.Sha256, _ => (EventField?)null };
        if (field is { } f)
        {
            target.Add(f, value);
        }
    }

    private static int Port(ReadOnlySpan<byte> value) =>
        System.Buffers.Text.Utf8Parser.TryParse(value, out int port, out var used) && used == value.Length && port is >= 0 and <= 65535 ? port : -1;

    /// <summary>CEF times: milliseconds since 1970, ISO 8601, or <c>MMM dd yyyy HH:mm:ss[.SSS]</c> (UTC).</summary>
    private static bool CefTime(ReadOnlySpan<byte> value, out long ticks) =>
        Timestamps.TryParseEpochMilliseconds(value, out ticks) || Timestamps.TryParseIso(value, out ticks) || MonthDayYear(value, out ticks);

    private static bool MonthDayYear(ReadOnlySpan<byte> value, out long ticks)
    {
        ticks = 0;
        Span<char> text = stackalloc char[Math.Min(value.Length, 64)];
        if (value.Length > 64 || System.Text.Encoding.UTF8.GetChars(value, text) != value.Length)
        {
            return false;
        }

        var ok = DateTime.TryParseExact(text, ["MMM dd yyyy HH:mm:ss", "MMM dd yyyy HH:mm:ss.fff"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time);
        ticks = time.Ticks;
        return ok;
    }

    /// <summary>The time of an RFC 5424 header (<c>&lt;pri&gt;1 2024-01-15T10:00:00Z host …</c>).</summary>
    private static bool SyslogTime(ReadOnlySpan<byte> header, out long ticks)
    {
        ticks = 0;
        var close = header.IndexOf((byte)'>');
        if (close < 0 || close + 3 > header.Length || header[close + 1] != (byte)'1' || header[close + 2] != (byte)' ')
        {
            return false;
        }

        var rest = header[(close + 3)..];
        var space = rest.IndexOf((byte)' ');
        return Timestamps.TryParseIso(space < 0 ? rest : rest[..space], out ticks);
    }

    /// <summary>CEF escapes in extension values: <c>\=</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>.</summary>
    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> value)
    {
        if (!value.Contains((byte)'\\') || value.Length > _value.Length)
        {
            return value;
        }

        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b == (byte)'\\' && i + 1 < value.Length)
            {
                b = value[++i] switch { (byte)'n' => (byte)'\n', (byte)'r' => (byte)'\r', var other => other };
            }

            _value[length++] = b;
        }

        return _value.AsSpan(0, length);
    }
}
