using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CyDef.Stix.Json;

/// <summary>
/// The fast path: the tree built in one forward pass over text known to be UTF-8 (<see cref="JsonScan"/>), which finds
/// where strings end from a bitmap of the text's quotes made in one sweep (the sweep also finds whether the text is ASCII,
/// which spares the UTF-8 check) instead of reading token by token. It builds exactly the tree the token-by-token read
/// builds — the same interned names, the same shared values, the same slices — and checks everything as strictly. Where
/// it cannot vouch for the text — malformed JSON, a duplicate key, an escaped name, a string whose escapes do not decode,
/// nesting near the limit — it answers <see langword="null"/> having decided nothing, and the text is read again by
/// <see cref="Utf8JsonReader"/>, which decides and places the error.
/// </summary>
public static partial class StixJsonReader
{
    /// <summary>
    /// The value at the scan's next byte, read by the fast path from text that is <paramref name="owner"/> from its first
    /// byte on and known to be UTF-8 as far as the scan may read (what it reads reaches the thread's caches, which the
    /// token-by-token read trusts): its strings stay slices of <paramref name="owner"/>. <see langword="null"/> where the
    /// fast path cannot vouch for the value, which is then to be read token by token.
    /// </summary>
    internal static StixValue? ReadInPlace(ref JsonScan scan, byte[] owner)
    {
        var scratch = Scratch.Rent();
        try
        {
            scratch.Owner = owner;
            return ReadFast(ref scan, scratch, 0, shared: false);
        }
        finally
        {
            scratch.Return();
        }
    }

    // The value at the scan's next byte; depth is the nesting of what holds it, shared as for ReadValue.
    private static StixValue? ReadFast(ref JsonScan scan, Scratch scratch, int depth, bool shared)
    {
        switch (scan.Peek())
        {
            case '"':
                return FastString(ref scan, scratch, shared);
            case '{':
                return FastObject(ref scan, scratch, depth);
            case '[':
                return FastArray(ref scan, scratch, depth, shared);
            case 't':
                return scan.Literal("true"u8) ? StixValue.True : null;
            case 'f':
                return scan.Literal("false"u8) ? StixValue.False : null;
            case 'n':
                return scan.Literal("null"u8) ? StixValue.Null : null;
            default:
                return scan.Number(out var number) ? scratch.Values.Number(number) : null;
        }
    }

    private static StixValue? FastString(ref JsonScan scan, Scratch scratch, bool shared)
    {
        if (!scan.EscapedString(out var raw, out var escaped))
        {
            return null;
        }

        if (escaped)
        {
            // Escapes other than \u always decode, and are decoded when the text is first asked for; a \u escape may
            // stand for half a surrogate pair, which is an error found now.
            return raw.IndexOf("\\u"u8) < 0 && !shared
                ? StixValue.EscapedUtf8String(scratch.Owner!, scratch.OwnerOffset + scan.Position - 1 - raw.Length, raw.Length)
                : Unescape(raw) is { } text ? StixValue.String(text) : null;
        }

        return PlainString(ref scan, scratch, raw, shared);
    }

    // The string without escapes the scan has just passed, whose text is raw.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static StixValue PlainString(ref JsonScan scan, Scratch scratch, ReadOnlySpan<byte> raw, bool shared) =>
        // The text between the quotes starts just past the opening quote, which the scan has passed with the string.
        shared
            ? scratch.Values.String(raw)
            : StixValue.Utf8String(scratch.Owner!, scratch.OwnerOffset + scan.Position - 1 - raw.Length, raw.Length);

    private static StixValue? FastObject(ref JsonScan scan, Scratch scratch, int depth)
    {
        if (depth >= scan.MaxNesting)
        {
            return null;
        }

        scan.Advance();
        var properties = scratch.Properties;
        var start = properties.Count;
        if (scan.Peek() == '}')
        {
            scan.Advance();
            return scratch.EndObject(start);
        }

        var names = 0UL;
        while (true)
        {
            // An escaped name is rare: the token-by-token read decodes it.
            if (!scan.Name(out var raw))
            {
                return null;
            }

            var name = PropertyNames.Read(raw, scratch.Values, out var repeats, out var bit);
            if ((names & bit) != 0 && HasName(scratch, start, name))
            {
                return null; // a duplicate key: the token-by-token read reports it
            }

            names |= bit;

            // Most values are strings without escapes, read here as FastString reads them; the rest by ReadFast.
            var value = scan.String(out var text) ? PlainString(ref scan, scratch, text, repeats) : ReadFast(ref scan, scratch, depth + 1, repeats);
            if (value is null)
            {
                return null;
            }

            properties.Add(new StixProperty(name, value));
            var next = scan.Next();
            if (next != ',')
            {
                return next == '}' ? scratch.EndObject(start) : null;
            }
        }
    }

    private static StixValue? FastArray(ref JsonScan scan, Scratch scratch, int depth, bool shared)
    {
        var start = scratch.Items.Count;
        switch (scan.OpenArray(depth))
        {
            case ArrayStart.Empty:
                return scratch.EndArray(start);
            case ArrayStart.Refused:
                return null;
        }

        bool closed;
        do
        {
            // As in FastObject, a string without escapes is read here.
            var item = scan.String(out var text) ? PlainString(ref scan, scratch, text, shared) : ReadFast(ref scan, scratch, depth + 1, shared);
            if (item is null)
            {
                return null;
            }

            scratch.Items.Add(item);
        }
        while (scan.MoreItems(out closed));

        return closed ? scratch.EndArray(start) : null;
    }

    private static bool HasName(Scratch scratch, int start, string name)
    {
        var properties = scratch.Properties;
        for (var i = start; i < properties.Count; i++)
        {
            if (properties[i].Name == name)
            {
                return true;
            }
        }

        return false;
    }

    // A string with escapes, decoded as Utf8JsonReader decodes it; null where it cannot be (a lone surrogate).
    private static string? Unescape(ReadOnlySpan<byte> raw)
    {
        Span<byte> small = stackalloc byte[256];
        var quoted = raw.Length + 2 <= small.Length ? small[..(raw.Length + 2)] : new byte[raw.Length + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted[1..]);
        quoted[^1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted);
        try
        {
            return reader.Read() ? reader.GetString() : null;
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            return null;
        }
    }
}
