using System.Text;

namespace CyDef.Detection.Tests;

/// <summary>
/// Values in their normal form, against the rule written plainly: random values of every length around the vectorised
/// pass's widths, with letters of both cases, digits, punctuation and non-ASCII characters anywhere in them.
/// </summary>
public sealed class ValueNormalizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Normalize_LowerCaseFields_LowerEveryAsciiLetterAndLeaveOtherBytes(int seed)
    {
        var random = new Random(seed);
        const string Ascii = "abcxyzABCXYZ0189.-_:/";
        string[] other = ["Ä", "é", "ß", "Ж", "中", "😀"];
        for (var n = 0; n < 2_000; n++)
        {
            var length = random.Next(1, 130);
            var text = new StringBuilder();
            while (Encoding.UTF8.GetByteCount(text.ToString()) < length)
            {
                // Mostly ASCII, as sensor values are, so that long ASCII runs precede and follow the other characters.
                text.Append(random.Next(10) == 0 ? other[random.Next(other.Length)] : Ascii[random.Next(Ascii.Length)].ToString());
            }

            var value = $"a{text}z"; // no trailing dot or space for the domain rule to take off
            var bytes = Encoding.UTF8.GetBytes(value);
            var (start, normalized) = ValueNormalizer.Normalize(EventField.Sha256, bytes);

            var expected = Encoding.UTF8.GetBytes(value).Select(b => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b).ToArray();
            Assert.Equal(0, start);
            Assert.Equal(expected, bytes.AsSpan(start, normalized).ToArray());
        }
    }

    [Fact]
    public void Normalize_Domain_DropsTheTrailingDotAndLowersLettersAroundNonAscii()
    {
        var bytes = Encoding.UTF8.GetBytes("WWW.BÜCHER-UND-ZEITSCHRIFTEN.BEISPIEL.EXAMPLE.");
        var (start, length) = ValueNormalizer.Normalize(EventField.Domain, bytes);
        Assert.Equal("www.bÜcher-und-zeitschriften.beispiel.example", Encoding.UTF8.GetString(bytes, start, length));
    }
}
