using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace CyDef.Stix;

/// <summary>
/// A STIX timestamp (§3.2): a UTC instant written <c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>. Keeps the number of
/// fraction digits it was written with, so that writing it back gives the same text. Compares by instant
/// (to 100 ns; digits beyond the seventh take part only in the text).
/// </summary>
public readonly struct StixTimestamp : IEquatable<StixTimestamp>, IComparable<StixTimestamp>
{
    private const int MaxFractionDigits = 9;

    private readonly long _ticks;
    private readonly int _subTickNanoseconds;

    private StixTimestamp(long ticks, int subTickNanoseconds, int fractionDigits)
    {
        _ticks = ticks;
        _subTickNanoseconds = subTickNanoseconds;
        FractionDigits = fractionDigits;
    }

    /// <summary>The instant, in UTC, truncated to 100 ns.</summary>
    public DateTime UtcDateTime => new(_ticks, DateTimeKind.Utc);

    /// <summary>How many digits follow the decimal point when the timestamp is written (0 for none).</summary>
    public int FractionDigits { get; }

    /// <summary>A timestamp at <paramref name="utc"/> written with <paramref name="fractionDigits"/> fraction digits (3 by default, as STIX's own examples).</summary>
    /// <param name="utc">The instant; converted to UTC.</param>
    /// <param name="fractionDigits">0 to 9 digits after the decimal point.</param>
    public static StixTimestamp FromDateTime(DateTime utc, int fractionDigits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fractionDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fractionDigits, MaxFractionDigits);
        var ticks = utc.ToUniversalTime().Ticks;
        var keep = fractionDigits >= 7 ? 1 : (long)Math.Pow(10, 7 - fractionDigits);
        return new StixTimestamp(ticks - (ticks % keep), 0, fractionDigits);
    }

    private static ReadOnlySpan<long> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>Now, to the millisecond.</summary>
    public static StixTimestamp Now => FromDateTime(DateTime.UtcNow);

    /// <summary>Parses the exact STIX form; anything else (offsets, missing Z, February 30th…) fails.</summary>
    /// <param name="text">The timestamp text.</param>
    /// <param name="timestamp">The parsed timestamp.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out StixTimestamp timestamp) => TryParseText(text, out timestamp);

    /// <summary>Parses the exact STIX form from UTF-8 (a string the reader has not decoded).</summary>
    /// <param name="utf8">The timestamp's UTF-8 bytes.</param>
    /// <param name="timestamp">The parsed timestamp.</param>
    internal static bool TryParse(ReadOnlySpan<byte> utf8, out StixTimestamp timestamp)
    {
        // Every timestamp of every object is parsed when it is validated: the form's first 19 bytes are checked as
        // three words at once. What that refuses is parsed again character by character, which decides.
        if (utf8.Length < 20 || utf8[^1] != (byte)'Z' || !BitConverter.IsLittleEndian)
        {
            return TryParseText(utf8, out timestamp);
        }

        // YYYY-MM- | DDTHH:mm | HH:mm:ss (bytes 0-7, 8-15 and 11-18, the last two overlapping).
        var date = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
        var dayHour = BinaryPrimitives.ReadUInt64LittleEndian(utf8[8..]);
        var time = BinaryPrimitives.ReadUInt64LittleEndian(utf8[11..]);
        const ulong DateDigits = 0x00FF_FF00_FFFF_FFFF;
        const ulong TimeDigits = 0xFFFF_00FF_FF00_FFFF;
        if ((date & ~DateDigits) != 0x2D00_002D_0000_0000 || (dayHour & ~TimeDigits) != 0x0000_3A00_0054_0000
            || (time & ~TimeDigits) != 0x0000_3A00_003A_0000
            || !AreDigits(date, DateDigits) || !AreDigits(dayHour, TimeDigits) || !AreDigits(time, TimeDigits))
        {
            return TryParseText(utf8, out timestamp);
        }

        var year = (Digit(date, 0) * 1000) + (Digit(date, 1) * 100) + (Digit(date, 2) * 10) + Digit(date, 3);
        var month = (Digit(date, 5) * 10) + Digit(date, 6);
        var day = (Digit(dayHour, 0) * 10) + Digit(dayHour, 1);
        var hour = (Digit(time, 0) * 10) + Digit(time, 1);
        var minute = (Digit(time, 3) * 10) + Digit(time, 4);
        var second = (Digit(time, 6) * 10) + Digit(time, 7);
        return TryComplete(utf8, year, month, day, hour, minute, second, out timestamp);
    }

    // Whether the bytes of word that mask covers are all ASCII digits: a high nibble of 3 that stays 3 with 6 added.
    private static bool AreDigits(ulong word, ulong mask)
    {
        const ulong Threes = 0x3030_3030_3030_3030;
        const ulong HighNibbles = 0xF0F0_F0F0_F0F0_F0F0;
        var bytes = word & mask;
        return (bytes & HighNibbles & mask) == (Threes & mask)
            && ((bytes + (0x0606_0606_0606_0606 & mask)) & HighNibbles & mask) == (Threes & mask);
    }

    private static int Digit(ulong word, int index) => (int)(word >> (index * 8)) & 0xF;

    // One parser for UTF-16 and UTF-8: the form is ASCII, and each code unit is compared as a number.
    private static bool TryParseText<T>(ReadOnlySpan<T> text, out StixTimestamp timestamp)
        where T : unmanaged, IBinaryInteger<T>
    {
        timestamp = default;
        // YYYY-MM-DDTHH:mm:ssZ is the shortest form (20 characters).
        if (text.Length < 20 || !Is(text[^1], 'Z') || !Is(text[4], '-') || !Is(text[7], '-') || !Is(text[10], 'T') || !Is(text[13], ':') || !Is(text[16], ':'))
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day)
            || !TryDigits(text[11..13], out var hour) || !TryDigits(text[14..16], out var minute) || !TryDigits(text[17..19], out var second))
        {
            return false;
        }

        return TryComplete(text, year, month, day, hour, minute, second, out timestamp);
    }

    // The fraction and the Z after the fields parsed from the first 19 characters, and whether those make a real instant.
    private static bool TryComplete<T>(ReadOnlySpan<T> text, int year, int month, int day, int hour, int minute, int second, out StixTimestamp timestamp)
        where T : unmanaged, IBinaryInteger<T>
    {
        timestamp = default;
        var fraction = text[19..^1];
        var digits = 0;
        long nanoseconds = 0;
        if (fraction.Length > 0)
        {
            digits = fraction.Length - 1;
            if (!Is(fraction[0], '.') || digits is 0 or > MaxFractionDigits || !TryDigits(fraction[1..], out var value))
            {
                return false;
            }

            nanoseconds = value * PowersOfTen[MaxFractionDigits - digits];
        }

        // STIX 2.1 §3.2: a leap second (60) is not representable in RFC 3339's UTC profile used here.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + (nanoseconds / 100);
        timestamp = new StixTimestamp(ticks, (int)(nanoseconds % 100), digits);
        return true;
    }

    /// <summary>Parses the exact STIX form.</summary>
    /// <param name="text">The timestamp text.</param>
    /// <exception cref="FormatException">The text is not a STIX timestamp.</exception>
    public static StixTimestamp Parse(string text) =>
        TryParse(text, out var timestamp) ? timestamp : throw new FormatException($"'{text}' is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z).");

    /// <summary>Writes the timestamp with its fraction digits.</summary>
    public override string ToString() => string.Create(20 + (FractionDigits == 0 ? 0 : 1 + FractionDigits), this, static (text, timestamp) =>
    {
        // YYYY-MM-DDTHH:mm:ss, then the fraction's leading digits of the nanoseconds and Z: one string, nothing else made.
        var (year, month, day) = timestamp.UtcDateTime;
        var seconds = timestamp._ticks / TimeSpan.TicksPerSecond;
        Digits(text[..4], year);
        text[4] = '-';
        Digits(text.Slice(5, 2), month);
        text[7] = '-';
        Digits(text.Slice(8, 2), day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), (int)(seconds / 3600 % 24));
        text[13] = ':';
        Digits(text.Slice(14, 2), (int)(seconds / 60 % 60));
        text[16] = ':';
        Digits(text.Slice(17, 2), (int)(seconds % 60));
        if (timestamp.FractionDigits > 0)
        {
            text[19] = '.';
            var nanoseconds = ((timestamp._ticks % TimeSpan.TicksPerSecond) * 100) + timestamp._subTickNanoseconds;
            Digits(text.Slice(20, timestamp.FractionDigits), nanoseconds / PowersOfTen[MaxFractionDigits - timestamp.FractionDigits]);
        }

        text[^1] = 'Z';
    });

    /// <summary>Writes <paramref name="value"/> in decimal, padded with zeros to fill <paramref name="into"/>.</summary>
    private static void Digits(Span<char> into, long value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <inheritdoc />
    public int CompareTo(StixTimestamp other)
    {
        var byTicks = _ticks.CompareTo(other._ticks);
        return byTicks != 0 ? byTicks : _subTickNanoseconds.CompareTo(other._subTickNanoseconds);
    }

    /// <summary>Same instant (the number of digits it is written with does not matter).</summary>
    /// <param name="other">The other timestamp.</param>
    public bool Equals(StixTimestamp other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StixTimestamp other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_ticks, _subTickNanoseconds);

    /// <summary>Same instant.</summary>
    public static bool operator ==(StixTimestamp left, StixTimestamp right) => left.Equals(right);

    /// <summary>Different instants.</summary>
    public static bool operator !=(StixTimestamp left, StixTimestamp right) => !left.Equals(right);

    /// <summary>Earlier.</summary>
    public static bool operator <(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) < 0;

    /// <summary>Later.</summary>
    public static bool operator >(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) > 0;

    /// <summary>Earlier or the same.</summary>
    public static bool operator <=(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) <= 0;

    /// <summary>Later or the same.</summary>
    public static bool operator >=(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) >= 0;

    private static bool Is<T>(T unit, char expected)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(unit) == expected;

    private static bool TryDigits<T>(ReadOnlySpan<T> text, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = int.CreateTruncating(c) - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
