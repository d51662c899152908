using System.Buffers.Binary;

namespace CyDef.Detection.Readers;

/// <summary>The first sixteen bytes of an ISO time (date, hour, minute) and their UTC ticks; see <see cref="Timestamps"/>.</summary>
internal readonly record struct IsoMinute(ulong Date, ulong Time, long Ticks);

/// <summary>The time formats sensors write, parsed from UTF-8 without allocation, to UTC ticks.</summary>
internal static class Timestamps
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>
    /// ISO 8601 / RFC 3339 as Suricata (<c>2024-01-15T10:00:00.123456+0000</c>), Zeek (<c>…Z</c>) and syslog
    /// (RFC 5424) write it: date, <c>T</c> or a space, time, optional fraction, then <c>Z</c>, <c>±HHMM</c>,
    /// <c>±HH:MM</c> or nothing (UTC).
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> text, out long ticks)
    {
        IsoMinute none = default;
        return TryParseIso(text, ref none, out ticks);
    }

    /// <summary>
    /// <see cref="TryParseIso(ReadOnlySpan{byte}, out long)"/>, remembering in <paramref name="last"/> the date, hour
    /// and minute of the time parsed: a stream's next time nearly always shares them, and then skips the calendar.
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> text, ref IsoMinute last, out long ticks)
    {
        ticks = 0;
        if (text.Length < 19 || text[16] != ':' || !Digits(text, 17, 2, out var second) || second > 60)
        {
            return false;
        }

        var date = BinaryPrimitives.ReadUInt64LittleEndian(text);
        var time = BinaryPrimitives.ReadUInt64LittleEndian(text[8..]);
        long minuteTicks;
        if (last.Ticks > 0 && date == last.Date && time == last.Time)
        {
            minuteTicks = last.Ticks;
        }
        else if (Minute(text, out minuteTicks))
        {
            last = new IsoMinute(date, time, minuteTicks);
        }
        else
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (i < text.Length && text[i] == '.')
        {
            var scale = 1_000_000L;
            for (i++; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
            {
                if (scale > 0)
                {
                    fraction += (text[i] - '0') * scale;
                    scale /= 10;
                }
            }
        }

        if (!Offset(text[i..], out var offsetMinutes))
        {
            return false;
        }

        ticks = minuteTicks + (Math.Min(second, 59) * TimeSpan.TicksPerSecond) + fraction - (offsetMinutes * TimeSpan.TicksPerMinute);
        return ticks >= 0;
    }

    /// <summary>The UTC ticks of the date, hour and minute the text starts with (<c>yyyy-MM-ddTHH:mm</c>).</summary>
    private static bool Minute(ReadOnlySpan<byte> text, out long ticks)
    {
        ticks = 0;
        if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':'
            || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).Ticks;
        return true;
    }

    /// <summary>Seconds since 1970 with an optional fraction (Zeek's <c>ts</c>).</summary>
    public static bool TryParseEpochSeconds(ReadOnlySpan<byte> text, out long ticks) => TryParseEpoch(text, TimeSpan.TicksPerSecond, out ticks);

    /// <summary>Milliseconds since 1970 (CEF's <c>rt</c>).</summary>
    public static bool TryParseEpochMilliseconds(ReadOnlySpan<byte> text, out long ticks) => TryParseEpoch(text, TimeSpan.TicksPerMillisecond, out ticks);

    private static bool TryParseEpoch(ReadOnlySpan<byte> text, long unit, out long ticks)
    {
        ticks = 0;
        long whole = 0;
        var i = 0;
        for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
        {
            whole = (whole * 10) + (text[i] - '0');
            if (whole > 100_000_000_000_000)
            {
                return false;
            }
        }

        if (i == 0)
        {
            return false;
        }

        long fraction = 0;
        if (i < text.Length && text[i] == '.')
        {
            var scale = unit / 10;
            for (i++; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
            {
                fraction += (text[i] - '0') * scale;
                scale /= 10;
            }
        }

        ticks = UnixEpochTicks + (whole * unit) + fraction;
        return i == text.Length && ticks < DateTime.MaxValue.Ticks;
    }

    private static bool Offset(ReadOnlySpan<byte> text, out int minutes)
    {
        minutes = 0;
        if (text.IsEmpty || (text.Length == 1 && text[0] == 'Z'))
        {
            return true;
        }

        if (text[0] != '+' && text[0] != '-')
        {
            return false;
        }

        var sign = text[0] == '-' ? -1 : 1;
        var rest = text[1..];
        if (!Digits(rest, 0, 2, out var hours))
        {
            return false;
        }

        rest = rest[2..];
        if (!rest.IsEmpty && rest[0] == ':')
        {
            rest = rest[1..];
        }

        if (rest.Length != 2 || !Digits(rest, 0, 2, out var mins))
        {
            return false;
        }

        minutes = sign * ((hours * 60) + mins);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
