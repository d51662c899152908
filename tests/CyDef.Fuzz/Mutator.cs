using System.Text;

namespace CyDef.Fuzz;

/// <summary>
/// Deterministic, structure-aware mutations of JSON inputs: the usual byte-level ones (bit flips, truncation,
/// duplication, deletion) plus the ones a coverage-guided engine reaches slowly — deep nesting, huge strings and
/// numbers, invalid UTF-8, STIX and JSON tokens, NDJSON line games.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] Structural = "{}[],:\"\\\n \t\r0-+.eE"u8.ToArray();

    private static readonly byte[][] Tokens = [.. new[]
    {
        "\"type\":", "\"bundle\"", "\"objects\":", "\"id\":", "\"spec_version\":\"2.1\"", "\"created\":", "\"modified\":",
        "\"2016-04-06T20:03:48.000Z\"", "\"2016-02-30T00:00:00Z\"", "\"9999-12-31T23:59:60.123456789Z\"",
        "\"indicator\"", "\"ipv4-addr\"", "\"file\"", "\"network-traffic\"", "\"x-custom\"", "\"extensions\":", "\"hashes\":",
        "{\"MD5\":\"x\"}", "\"_ref\":", "\"_refs\":", "\"--\"", "\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"",
        "\"file--00000000-0000-5000-8000-000000000000\"", "\"pattern\":\"[\"", "\"value\":", "null", "true", "false",
        "1e400", "-1e400", "1E-400", "-0", "0.0000001", "123456789012345678901234567890", "1.5e+308", "9007199254740993",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\/\"", "\"\u2028\"", "\uFEFF", "{}", "[]", "\"\"",
    }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF5], [0xFF], [0xFE], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x00], [0x1F], [0x7F],
    ];

    private readonly Random _random = new(seed);

    /// <summary>A mutant of <paramref name="parent"/> (1 to 4 stacked mutations), sometimes spliced with <paramref name="other"/>.</summary>
    public byte[] Mutate(byte[] parent, byte[] other)
    {
        var data = new List<byte>(parent);
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            Apply(data, other);
        }

        return [.. data];
    }

    private void Apply(List<byte> data, byte[] other)
    {
        switch (_random.Next(14))
        {
            case 0: FlipBit(data); break;
            case 1: SetByte(data); break;
            case 2: Truncate(data); break;
            case 3: DuplicateSlice(data); break;
            case 4: DeleteSlice(data); break;
            case 5: Insert(data, [Structural[_random.Next(Structural.Length)]]); break;
            case 6: Insert(data, Tokens[_random.Next(Tokens.Length)]); break;
            case 7: Insert(data, InvalidUtf8[_random.Next(InvalidUtf8.Length)]); break;
            case 8: Nest(data); break;
            case 9: Insert(data, HugeString()); break;
            case 10: Insert(data, HugeNumber()); break;
            case 11: Splice(data, other); break;
            case 12: DuplicateLine(data); break;
            default: ReplaceToken(data); break;
        }
    }

    private int Position(List<byte> data) => _random.Next(data.Count + 1);

    private void FlipBit(List<byte> data)
    {
        if (data.Count > 0)
        {
            var at = _random.Next(data.Count);
            data[at] ^= (byte)(1 << _random.Next(8));
        }
    }

    private void SetByte(List<byte> data)
    {
        if (data.Count > 0)
        {
            data[_random.Next(data.Count)] = (byte)_random.Next(256);
        }
    }

    private void Truncate(List<byte> data)
    {
        var at = Position(data);
        data.RemoveRange(at, data.Count - at);
    }

    private void DuplicateSlice(List<byte> data)
    {
        if (data.Count == 0)
        {
            return;
        }

        var from = _random.Next(data.Count);
        var length = 1 + _random.Next(Math.Min(data.Count - from, 256));
        var slice = data.GetRange(from, length);
        var times = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 200);
        for (var i = 0; i < times; i++)
        {
            data.InsertRange(from, slice);
        }
    }

    private void DeleteSlice(List<byte> data)
    {
        if (data.Count > 0)
        {
            var from = _random.Next(data.Count);
            data.RemoveRange(from, 1 + _random.Next(Math.Min(data.Count - from, 64)));
        }
    }

    private void Insert(List<byte> data, byte[] bytes) => data.InsertRange(Position(data), bytes);

    /// <summary>Nesting around the limits (64 by default), closed or left open, at the start or inside.</summary>
    private void Nest(List<byte> data)
    {
        int[] depths = [3, 62, 63, 64, 65, 66, 100, 1000, 100_000];
        var depth = depths[_random.Next(depths.Length)];
        var asObjects = _random.Next(2) == 0;
        var open = Encoding.UTF8.GetBytes(asObjects ? "{\"a\":" : "[");
        var close = (byte)(asObjects ? '}' : ']');
        var at = _random.Next(2) == 0 ? 0 : Position(data);
        var prefix = new byte[open.Length * depth];
        for (var i = 0; i < depth; i++)
        {
            open.CopyTo(prefix, i * open.Length);
        }

        data.InsertRange(at, prefix);
        if (_random.Next(4) != 0)
        {
            data.InsertRange(Math.Min(data.Count, at + prefix.Length + _random.Next(data.Count - at - prefix.Length + 1)), Enumerable.Repeat(close, depth));
        }
    }

    private byte[] HugeString()
    {
        int[] lengths = [64, 65, 1024, 65_535, 65_536, 100_000, 1_000_000];
        var length = lengths[_random.Next(lengths.Length)];
        byte[] unit = _random.Next(3) switch
        {
            0 => "A"u8.ToArray(),
            1 => "\\u00e9"u8.ToArray(),
            _ => "\u00e9"u8.ToArray(),
        };
        var text = new byte[(length * unit.Length) + 2];
        text[0] = text[^1] = (byte)'"';
        for (var i = 0; i < length; i++)
        {
            unit.CopyTo(text, 1 + (i * unit.Length));
        }

        return text;
    }

    private byte[] HugeNumber()
    {
        var digits = new string('9', 1 + _random.Next(5000));
        string[] shapes = [digits, "-" + digits, "0." + digits, digits + "e" + digits[..Math.Min(digits.Length, 12)], "1e-" + digits[..Math.Min(digits.Length, 12)]];
        return Encoding.ASCII.GetBytes(shapes[_random.Next(shapes.Length)]);
    }

    private void Splice(List<byte> data, byte[] other)
    {
        if (other.Length > 0)
        {
            var from = _random.Next(other.Length);
            data.InsertRange(Position(data), other.AsSpan(from, 1 + _random.Next(other.Length - from)).ToArray());
        }
    }

    /// <summary>NDJSON games: a line repeated, or the whole input doubled onto a new line.</summary>
    private void DuplicateLine(List<byte> data)
    {
        var text = data.ToArray();
        data.Add((byte)(_random.Next(2) == 0 ? '\n' : ' '));
        data.AddRange(text);
    }

    /// <summary>Replaces a property's value (a string, number or literal after a ':') with one of the tokens.</summary>
    private void ReplaceToken(List<byte> data)
    {
        var colon = data.IndexOf((byte)':', Position(data) is var p && p < data.Count ? p : 0);
        if (colon < 0)
        {
            Insert(data, Tokens[_random.Next(Tokens.Length)]);
            return;
        }

        var start = colon + 1;
        var end = start;
        if (end < data.Count && data[end] == '"')
        {
            end = data.IndexOf((byte)'"', start + 1) is var close and >= 0 ? close + 1 : data.Count;
        }
        else
        {
            while (end < data.Count && data[end] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)'\n'))
            {
                end++;
            }
        }

        data.RemoveRange(start, end - start);
        data.InsertRange(start, Tokens[_random.Next(Tokens.Length)]);
    }
}
