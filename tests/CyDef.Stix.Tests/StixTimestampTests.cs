using System.Text;

namespace CyDef.Stix.Tests;

public sealed class StixTimestampTests
{
    [Theory]
    [InlineData("2016-01-20T12:31:12Z", 0)]
    [InlineData("2016-01-20T12:31:12.1Z", 1)]
    [InlineData("2016-01-20T12:31:12.123Z", 3)]
    [InlineData("2016-01-20T12:31:12.123456Z", 6)]
    [InlineData("2016-01-20T12:31:12.123456789Z", 9)]
    [InlineData("2024-02-29T00:00:00.000Z", 3)]
    [InlineData("2000-02-29T00:00:00Z", 0)]
    [InlineData("0001-01-01T00:00:00Z", 0)]
    [InlineData("9999-12-31T23:59:59.999999999Z", 9)]
    public void Parse_ValidTimestamp_RoundTripsWithItsPrecision(string text, int digits)
    {
        var timestamp = StixTimestamp.Parse(text);

        Assert.Equal(digits, timestamp.FractionDigits);
        Assert.Equal(text, timestamp.ToString());
    }

    [Fact]
    public void ToString_RandomInstantsAndPrecisions_AsDateTimeWritesThem()
    {
        // Years 1 to 9999, every precision, nanoseconds beyond the tick included: against .NET's own formatting.
        var random = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            var nanoseconds = random.Next(0, 1_000_000_000);
            var digits = random.Next(0, 10);
            var fraction = nanoseconds.ToString("D9", System.Globalization.CultureInfo.InvariantCulture)[..digits];
            var text = new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                + (digits == 0 ? "" : "." + fraction) + "Z";

            Assert.Equal(text, StixTimestamp.Parse(text).ToString());
            Assert.Equal(text[..19] + (digits == 0 ? "Z" : "." + new DateTime(ticks, DateTimeKind.Utc).ToString("fffffff", System.Globalization.CultureInfo.InvariantCulture).PadRight(9, '0')[..digits] + "Z"),
                StixTimestamp.FromDateTime(new DateTime(ticks, DateTimeKind.Utc), digits).ToString());
        }
    }

    [Theory]
    [InlineData("2016-04-31T20:03:48.000Z")]
    [InlineData("2017-02-29T08:17:27.000Z")]
    [InlineData("1900-02-29T08:17:27.000Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2016-00-10T00:00:00Z")]
    [InlineData("2016-13-10T00:00:00Z")]
    [InlineData("2016-12-00T00:00:00Z")]
    [InlineData("2016-12-32T00:00:00Z")]
    [InlineData("2016-01-20T12:31:12.Z")]
    [InlineData("2016-01-20T12:31:12+00:00")]
    [InlineData("2016-01-20 12:31:12Z")]
    [InlineData("2016-01-20T24:00:00Z")]
    [InlineData("2016-01-20T12:31:60Z")]
    [InlineData("2016-1-20T12:31:12Z")]
    [InlineData("2016-01-20T12:31:12.1234567890Z")]
    [InlineData("")]
    public void TryParse_InvalidTimestamp_Fails(string text)
    {
        Assert.False(StixTimestamp.TryParse(text, out _));
        Assert.False(StixTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("2016-01-20T12:31:12Z")]
    [InlineData("2016-01-20T12:31:12.123456789Z")]
    [InlineData("2024-02-29T23:59:59.9Z")]
    [InlineData("2016-01-20T12:31:12.1234567890Z")]
    [InlineData("2016-01-20T12:31:1\u0662Z")]
    [InlineData("２016-01-20T12:31:12Z")]
    public void TryParse_Utf8_AgreesWithText(string text)
    {
        // The validator parses strings the reader has not decoded from their UTF-8.
        var fromText = StixTimestamp.TryParse(text, out var expected);

        Assert.Equal(fromText, StixTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out var actual));
        Assert.Equal(expected, actual);
        Assert.Equal(expected.FractionDigits, actual.FractionDigits);
    }

    [Fact]
    public void TryParse_Utf8_RandomDamagedTimestamps_AgreesWithText()
    {
        // The UTF-8 parse checks the form's first 19 bytes as words. Timestamps with up to two characters changed to
        // their neighbours or to the form's other characters, anywhere, parse from UTF-8 as they do from text.
        var random = new Random(11);
        var replacements = "0123456789/:;-.TZtz ,\u0660\uFF10\u00e9".ToCharArray();
        for (var n = 0; n < 20_000; n++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            var digits = random.Next(0, 10);
            var text = new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                + (digits == 0 ? "" : "." + random.Next(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)[..digits]) + "Z";
            var chars = text.ToCharArray();
            for (var changes = random.Next(0, 3); changes > 0; changes--)
            {
                var at = random.Next(chars.Length);
                chars[at] = random.Next(3) switch
                {
                    0 => (char)(chars[at] + 1),
                    1 => (char)(chars[at] - 1),
                    _ => replacements[random.Next(replacements.Length)],
                };
            }

            var damaged = new string(chars);
            var fromText = StixTimestamp.TryParse(damaged, out var expected);

            Assert.True(fromText == StixTimestamp.TryParse(Encoding.UTF8.GetBytes(damaged), out var actual), damaged);
            Assert.Equal(expected, actual);
            Assert.Equal(expected.FractionDigits, actual.FractionDigits);
        }
    }

    [Fact]
    public void Compare_OrdersByInstantNotByText()
    {
        var a = StixTimestamp.Parse("2016-04-06T20:03:48.000Z");
        var b = StixTimestamp.Parse("2016-04-06T20:03:48.000123Z");
        var c = StixTimestamp.Parse("2016-04-06T20:03:48Z");

        Assert.True(a < b);
        Assert.Equal(a, c);
        Assert.True(StixTimestamp.Parse("2016-04-06T20:03:48.000000001Z") > a);
    }
}
