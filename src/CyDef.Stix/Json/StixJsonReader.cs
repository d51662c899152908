using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CyDef.Stix.Json;

/// <summary>
/// Reads UTF-8 JSON into <see cref="StixValue"/> trees. Bad input — invalid JSON or UTF-8, duplicate
/// keys, nesting beyond the limit — gives a <see cref="StixReadError"/> with the JSON path and the
/// position, never an exception.
/// </summary>
public static partial class StixJsonReader
{
    /// <summary>Reads one JSON value that fills the whole input (surrounding white space allowed).</summary>
    /// <param name="utf8">The UTF-8 bytes (a leading byte order mark is skipped).</param>
    /// <param name="options">Limits; <see cref="StixReadOptions.Default"/> when omitted.</param>
    public static StixReadResult Parse(ReadOnlySpan<byte> utf8, StixReadOptions? options = null) =>
        Parse(utf8, options ?? StixReadOptions.Default, "$", default);

    /// <summary>
    /// Reads one JSON value that fills the whole input, in place: strings stay slices of <paramref name="utf8"/>
    /// instead of a copy of it (as <see cref="Parse(ReadOnlySpan{byte}, StixReadOptions?)"/> makes). For input the
    /// caller owns and leaves alone, such as a response body or a stored row: its bytes must not change while the
    /// values read from it live, and they keep it alive.
    /// </summary>
    /// <param name="utf8">The UTF-8 bytes (a leading byte order mark is skipped).</param>
    /// <param name="options">Limits; <see cref="StixReadOptions.Default"/> when omitted.</param>
    public static StixReadResult ParseInPlace(ReadOnlyMemory<byte> utf8, StixReadOptions? options = null) =>
        MemoryMarshal.TryGetArray(utf8, out var segment)
            ? Parse(utf8.Span, options ?? StixReadOptions.Default, "$", default, segment.Array, segment.Offset)
            : Parse(utf8.Span, options ?? StixReadOptions.Default, "$", default);

    /// <summary>Reads one JSON value from a string.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Limits; <see cref="StixReadOptions.Default"/> when omitted.</param>
    public static StixReadResult Parse(string json, StixReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>
    /// Reads one value; errors are placed relative to <paramref name="origin"/> in a larger input. With
    /// <paramref name="inPlace"/>, the array <paramref name="utf8"/> lies in from <paramref name="inPlaceOffset"/> on,
    /// strings are slices of it (see <see cref="ParseInPlace"/>); otherwise of a copy. Without <paramref name="fast"/>,
    /// the value is read token by token only (the tests compare the two reads).
    /// </summary>
    internal static StixReadResult Parse(ReadOnlySpan<byte> utf8, StixReadOptions options, string rootPath, TextPosition origin, byte[]? inPlace = null, int inPlaceOffset = 0, bool fast = true)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
            inPlaceOffset += 3;
            origin = origin.Advance("\uFEFF"u8);
        }

        // Strings are kept as slices of the input (or a copy) and decoded only when asked for (see StixValue).
        // Utf8JsonReader does not check the UTF-8 of strings it is not asked to decode, so the input is checked
        // whole here (the fast path's sweep finds ASCII text, which needs no other check); input that is not valid
        // UTF-8 is read decoding every string at once, which finds the bad string and reports it where it is.
        var scratch = Scratch.Rent();
        byte[]? owner;
        var offset = inPlace is null ? 0 : inPlaceOffset;
        try
        {
            var scan = new JsonScan(utf8, scratch.Stops(utf8.Length), options.MaxDepth - 1);
            owner = scan.IsAscii || Utf8.IsValid(utf8) ? inPlace ?? utf8.ToArray() : null;
            if (owner is not null && fast)
            {
                scratch.Owner = owner;
                scratch.OwnerOffset = offset;
                if (ReadFast(ref scan, scratch, 0, shared: false) is { } value && scan.Peek() < 0)
                {
                    return StixReadResult.Ok(value);
                }
            }
        }
        finally
        {
            scratch.Return();
        }

        // The text the fast path cannot vouch for is read token by token, which decides. The path is followed only to
        // place an error: a value is read without it, and read again with it when it fails.
        var result = Parse(utf8, options, rootPath, origin, trackPath: false, owner, offset);
        return result.Success ? result : Parse(utf8, options, rootPath, origin, trackPath: true, owner: null);
    }

    // owner: the array utf8 lies in from ownerOffset on, whose slices strings may be; null to decode them at once.
    private static StixReadResult Parse(ReadOnlySpan<byte> utf8, StixReadOptions options, string rootPath, TextPosition origin, bool trackPath, byte[]? owner, int ownerOffset = 0)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = options.MaxDepth });
        var scratch = Scratch.Rent();
        scratch.Owner = owner;
        scratch.OwnerOffset = ownerOffset;
        var path = scratch.Path(rootPath, options.MaxDepth + 2, trackPath);
        try
        {
            if (!reader.Read())
            {
                return Fail(utf8, origin, path, "the input holds no JSON value", utf8.Length);
            }

            var value = ReadValue(ref reader, ref path, scratch);
            if (reader.Read())
            {
                return Fail(utf8, origin, path, "unexpected content after the JSON value", reader.TokenStartIndex);
            }

            return StixReadResult.Ok(value);
        }
        catch (JsonException e)
        {
            var offset = OffsetOf(utf8, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            return Fail(utf8, origin, path, CleanMessage(e.Message), offset);
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString throws this for invalid UTF-8 inside a string.
            return Fail(utf8, origin, path, "the text is not valid UTF-8", reader.TokenStartIndex);
        }
        catch (ReadFailure e)
        {
            return Fail(utf8, origin, path, e.Message, e.ByteOffset);
        }
        finally
        {
            scratch.Return();
        }
    }

    // shared: the value belongs to a property whose values repeat across objects (see PropertyNames), and is
    // taken from the thread's ValueCache.
    private static StixValue ReadValue(ref Utf8JsonReader reader, ref PathTracker path, Scratch scratch, bool shared = false) => reader.TokenType switch
    {
        JsonTokenType.StartObject => ReadObject(ref reader, ref path, scratch),
        JsonTokenType.StartArray => ReadArray(ref reader, ref path, scratch, shared),
        JsonTokenType.String => shared ? scratch.Values.String(ref reader) : scratch.String(ref reader),
        JsonTokenType.Number => scratch.Values.Number(ref reader),
        JsonTokenType.True => StixValue.True,
        JsonTokenType.False => StixValue.False,
        JsonTokenType.Null => StixValue.Null,
        _ => throw new ReadFailure($"unexpected {reader.TokenType}", reader.TokenStartIndex),
    };

    // Properties and items collect on shared stacks (one per parse) and are copied out at exact size when
    // their object or array ends: no list per object, no growth copies.
    private static StixValue ReadObject(ref Utf8JsonReader reader, ref PathTracker path, Scratch scratch)
    {
        var properties = scratch.Properties;
        var start = properties.Count;
        var names = 0UL;
        path.Push();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var nameStart = reader.TokenStartIndex;
            var name = PropertyNames.Read(ref reader, out var repeats, out var bit);
            path.SetName(name);
            if ((names & bit) != 0)
            {
                for (var i = start; i < properties.Count; i++)
                {
                    if (properties[i].Name == name)
                    {
                        throw new ReadFailure($"duplicate key '{name}'", nameStart);
                    }
                }
            }

            names |= bit;
            Next(ref reader);
            properties.Add(new StixProperty(name, ReadValue(ref reader, ref path, scratch, repeats)));
        }

        path.Pop();
        return scratch.EndObject(start);
    }

    private static StixValue ReadArray(ref Utf8JsonReader reader, ref PathTracker path, Scratch scratch, bool shared)
    {
        var items = scratch.Items;
        var start = items.Count;
        path.Push();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            path.SetIndex(items.Count - start);
            items.Add(ReadValue(ref reader, ref path, scratch, shared));
        }

        path.Pop();
        return scratch.EndArray(start);
    }

    // Only a reader over a block that is not the last can run out of input inside a value.
    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw NeedMoreInput.Instance;

    private static StixReadResult Fail(ReadOnlySpan<byte> utf8, TextPosition origin, PathTracker path, string message, long byteOffset)
    {
        var position = origin.Advance(utf8[..(int)Math.Clamp(byteOffset, 0, utf8.Length)]);
        return StixReadResult.Fail(new StixReadError(message, path.ToString(), position.Offset, position.Line, position.Column));
    }

    private static long OffsetOf(ReadOnlySpan<byte> utf8, long line, long bytePositionInLine)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            var next = utf8[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
        }

        return Math.Min(utf8.Length, offset + bytePositionInLine);
    }

    // Utf8JsonReader's messages end with its own position ("LineNumber: 0 | BytePositionInLine: 5."),
    // which is replaced by ours.
    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.TrimEnd('.', ' ');
    }

    /// <summary>
    /// Reads the JSON value at the start of <paramref name="utf8"/>, which may be followed by more input or cut
    /// short: when the value does not end within it and it is not the final block, <paramref name="needMore"/>
    /// is set and nothing is returned.
    /// </summary>
    internal static StixReadResult ParsePrefix(ReadOnlySpan<byte> utf8, bool isFinalBlock, StixReadOptions options, string rootPath, out int consumed, out bool needMore)
    {
        var result = ParsePrefix(utf8, isFinalBlock, options, rootPath, trackPath: false, out consumed, out needMore);
        return result.Success || needMore ? result : ParsePrefix(utf8, isFinalBlock, options, rootPath, trackPath: true, out consumed, out needMore);
    }

    private static StixReadResult ParsePrefix(ReadOnlySpan<byte> utf8, bool isFinalBlock, StixReadOptions options, string rootPath, bool trackPath, out int consumed, out bool needMore)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock, new JsonReaderState(new JsonReaderOptions { MaxDepth = options.MaxDepth }));
        var scratch = Scratch.Rent();
        var path = scratch.Path(rootPath, options.MaxDepth + 2, trackPath);
        consumed = 0;
        needMore = false;
        try
        {
            Next(ref reader);
            var value = ReadValue(ref reader, ref path, scratch);
            consumed = (int)reader.BytesConsumed;
            return StixReadResult.Ok(value);
        }
        catch (NeedMoreInput)
        {
            needMore = true;
            return default;
        }
        catch (JsonException e)
        {
            return Fail(utf8, TextPosition.Start, path, CleanMessage(e.Message), OffsetOf(utf8, e.LineNumber ?? 0, e.BytePositionInLine ?? 0));
        }
        catch (InvalidOperationException)
        {
            return Fail(utf8, TextPosition.Start, path, "the text is not valid UTF-8", reader.TokenStartIndex);
        }
        catch (ReadFailure e)
        {
            return Fail(utf8, TextPosition.Start, path, e.Message, e.ByteOffset);
        }
        finally
        {
            scratch.Return();
        }
    }

    private sealed class NeedMoreInput : Exception
    {
        public static NeedMoreInput Instance { get; } = new();
    }

    /// <summary>The stacks one parse uses, kept per thread between parses.</summary>
    private sealed class Scratch
    {
        // The bitmap of up to 1 MB of text is kept for the next parse; a larger document's is not.
        private const int MaxKeptStopWords = 1 << 14;

        [ThreadStatic]
        private static Scratch? _cached;

        public List<StixProperty> Properties { get; } = new(64);

        public List<StixValue> Items { get; } = new(64);

        public ValueCache Values { get; } = new();

        /// <summary>The copy of the input that strings are slices of, or <see langword="null"/> to decode them at once.</summary>
        public byte[]? Owner { get; set; }

        /// <summary>Where in <see cref="Owner"/> the text the reader reads begins.</summary>
        public int OwnerOffset { get; set; }

        private string?[] _names = new string?[66];

        private int[] _indexes = new int[66];

        private ulong[] _stops = new ulong[64];

        public PathTracker Path(string root, int capacity, bool enabled)
        {
            if (_names.Length < capacity)
            {
                _names = new string?[capacity];
                _indexes = new int[capacity];
            }

            return new PathTracker(root, _names, _indexes, enabled);
        }

        public static Scratch Rent()
        {
            var scratch = _cached ?? new Scratch();
            _cached = null;
            return scratch;
        }

        /// <summary>The object whose properties were added to <see cref="Properties"/> from <paramref name="start"/> on, which it takes off.</summary>
        public StixValue EndObject(int start)
        {
            var properties = Properties;
            var read = CollectionsMarshal.AsSpan(properties)[start..];

            // A small object inside another whose values are all shared (a kill chain phase, a granular marking) is
            // shared too. The outermost object (start is 0) never is, nor one with a type or an id: a STIX object.
            var result = start > 0 && Values.Object(read) is { } same ? same : StixValue.Object(read.ToArray());
            properties.RemoveRange(start, properties.Count - start);
            return result;
        }

        /// <summary>The array whose items were added to <see cref="Items"/> from <paramref name="start"/> on, which it takes off.</summary>
        public StixValue EndArray(int start)
        {
            var items = Items;
            var read = CollectionsMarshal.AsSpan(items)[start..];
            var result = Values.Array(read) is { } same ? same : StixValue.Array(read.IsEmpty ? [] : read.ToArray());
            items.RemoveRange(start, items.Count - start);
            return result;
        }

        /// <summary>Room for the bitmap of a text of <paramref name="length"/> bytes (<see cref="JsonScan.Room"/>).</summary>
        public Span<ulong> Stops(int length) => JsonScan.Room(ref _stops, length);

        /// <summary>The current string token: a slice of <see cref="Owner"/> when it has no escapes.</summary>
        public StixValue String(ref Utf8JsonReader reader) =>
            Owner is { } owner && !reader.ValueIsEscaped
                ? StixValue.Utf8String(owner, OwnerOffset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length)
                : StixValue.String(reader.GetString()!);

        public void Return()
        {
            if (_stops.Length > MaxKeptStopWords)
            {
                _stops = new ulong[64]; // not kept after a huge document
            }

            Owner = null;
            OwnerOffset = 0;
            Properties.Clear();
            Items.Clear();
            _cached = this;
        }
    }

    private sealed class ReadFailure(string message, long byteOffset) : Exception(message)
    {
        public long ByteOffset { get; } = byteOffset;
    }
}
