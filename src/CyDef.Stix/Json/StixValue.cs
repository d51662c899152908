using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace CyDef.Stix.Json;

/// <summary>
/// An immutable JSON value as STIX content needs it: objects keep their property order, numbers keep
/// the exact text they were written with. Built by <see cref="StixJsonReader"/> or by the factory methods;
/// compared as JSON trees by <see cref="DeepEquals"/>.
/// </summary>
/// <remarks>
/// A string read from JSON without escapes stays a slice of a copy of the UTF-8 input (one copy per parse,
/// shared by the strings of that input) until <see cref="GetString"/> or <see cref="AsString"/> first asks for
/// it: most text of an object (names, descriptions, patterns) is never looked at by validation, and transcoding
/// it all to UTF-16 strings was a large part of reading. The decoded string replaces the slice, so it is decoded
/// once, and every caller, on any thread, gets the same instance. A value so read keeps that copy of the input
/// alive while any of its strings has not been decoded; a value read as part of a larger input (an array or a
/// bundle parsed whole) keeps the whole input's copy, and one read by <see cref="StixStreamReader"/> the block of the
/// stream it was read from (64 KB, or as large as its largest object). A string with escapes, none of them
/// <c>\u</c>, stays a slice of its escaped text, decoded likewise.
/// </remarks>
public sealed class StixValue
{
    // The _length of a slice too long to be kept in it.
    private const ushort LongSlice = ushort.MaxValue;

    private static readonly StixProperty[] NoProperties = [];
    private static readonly StixValue[] NoItems = [];

    // One field for what the kind needs: the text of a string or number, the items of an array, the
    // properties of an object. A value is read for every JSON value of every object; it is kept small.
    // A string not yet decoded holds the byte[] it is a slice of, from _start, of _length bytes: see the remarks. A
    // slice that holds escapes starts at ~_start (negative). The length takes the two bytes the object has to spare
    // (with one int more, every value would take 40 bytes, not 32); a longer slice ends at the next quote that no
    // backslash escapes, found again when asked for (a string read without escapes holds no quote, and no byte of a
    // multi-byte UTF-8 sequence is one).
    private object? _payload;
    private readonly int _start;
    private readonly ushort _length;

    // The share key of the next shared value (see ShareKey).
    private static int _nextShareKey;

    private StixValue(StixValueKind kind, object? payload, bool shared = false)
    {
        Kind = kind;
        _payload = payload;
        IsShared = shared;

        // A shared value holds a decoded string, items or properties, never a slice: _start is free for its key.
        _start = shared ? (int)((uint)Interlocked.Increment(ref _nextShareKey) * 0x9E3779B1u) : 0;
    }

    private StixValue(byte[] utf8, int start, int length)
    {
        Kind = StixValueKind.String;
        _payload = utf8;
        _start = start;
        _length = length < LongSlice ? (ushort)length : LongSlice;
    }

    /// <summary>The literal <c>true</c>.</summary>
    public static StixValue True { get; } = new(StixValueKind.True, null);

    /// <summary>The literal <c>false</c>.</summary>
    public static StixValue False { get; } = new(StixValueKind.False, null);

    /// <summary>The literal <c>null</c>.</summary>
    public static StixValue Null { get; } = new(StixValueKind.Null, null);

    /// <summary>The kind of this value.</summary>
    public StixValueKind Kind { get; }

    /// <summary>Whether this is a JSON object.</summary>
    public bool IsObject => Kind == StixValueKind.Object;

    /// <summary>Whether this is a JSON array.</summary>
    public bool IsArray => Kind == StixValueKind.Array;

    /// <summary>Whether this is a JSON string.</summary>
    public bool IsString => Kind == StixValueKind.String;

    /// <summary>Whether this is a JSON number.</summary>
    public bool IsNumber => Kind == StixValueKind.Number;

    /// <summary>Whether this is <c>true</c> or <c>false</c>.</summary>
    public bool IsBoolean => Kind is StixValueKind.True or StixValueKind.False;

    /// <summary>The properties of an object, in order; empty for other kinds.</summary>
    public ReadOnlySpan<StixProperty> Properties =>
        Kind == StixValueKind.Object ? Unsafe.As<StixProperty[]>(_payload!) : NoProperties;

    /// <summary>The items of an array; empty for other kinds.</summary>
    public ReadOnlySpan<StixValue> Items =>
        Kind == StixValueKind.Array ? Unsafe.As<StixValue[]>(_payload!) : NoItems;

    /// <summary>The number of properties of an object or items of an array; 0 otherwise.</summary>
    public int Count => Kind switch
    {
        StixValueKind.Object => Unsafe.As<StixProperty[]>(_payload!).Length,
        StixValueKind.Array => Unsafe.As<StixValue[]>(_payload!).Length,
        _ => 0,
    };

    /// <summary>The value of the named property of an object, or <see langword="null"/> if absent.</summary>
    /// <param name="name">The property name (case-sensitive, as JSON is).</param>
    public StixValue? this[string name] => TryGetProperty(name, out var value) ? value : null;

    /// <summary>Creates a string value.</summary>
    /// <param name="value">The decoded string.</param>
    public static StixValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(StixValueKind.String, value);
    }

    /// <summary>Creates a number from its JSON text, which must be a valid JSON number.</summary>
    /// <param name="json">The number as written in JSON, e.g. <c>1</c>, <c>-2.50</c> or <c>1e3</c>.</param>
    public static StixValue Number(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        return new(StixValueKind.Number, json);
    }

    /// <summary>Creates an integer number.</summary>
    /// <param name="value">The integer.</param>
    public static StixValue Number(long value) =>
        new(StixValueKind.Number, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Creates a floating-point number (shortest round-trip form).</summary>
    /// <param name="value">A finite double.</param>
    public static StixValue Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON numbers are finite.");
        }

        return new(StixValueKind.Number, value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Creates <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The boolean.</param>
    public static StixValue Boolean(bool value) => value ? True : False;

    /// <summary>Creates an array that takes ownership of <paramref name="items"/>.</summary>
    /// <param name="items">The items; not copied.</param>
    public static StixValue Array(StixValue[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(StixValueKind.Array, items);
    }

    /// <summary>Creates an array of strings.</summary>
    /// <param name="items">The strings.</param>
    public static StixValue Array(IEnumerable<string> items) =>
        Array(items.Select(String).ToArray());

    /// <summary>Creates an object that takes ownership of <paramref name="properties"/>.</summary>
    /// <param name="properties">The properties in order; names must be unique.</param>
    public static StixValue Object(StixProperty[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return new(StixValueKind.Object, properties);
    }

    /// <summary>Finds a property of an object.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns>Whether this is an object that has the property.</returns>
    public bool TryGetProperty(string name, [NotNullWhen(true)] out StixValue? value)
    {
        if (Kind == StixValueKind.Object)
        {
            var properties = Unsafe.As<StixProperty[]>(_payload!);
            // Objects are small (tens of properties) and names are mostly interned: a linear scan
            // beats hashing here.
            foreach (var property in properties)
            {
                if (ReferenceEquals(property.Name, name) || property.Name == name)
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>The decoded text of a string value.</summary>
    /// <exception cref="InvalidOperationException">This is not a string.</exception>
    public string GetString() =>
        Kind == StixValueKind.String ? _payload as string ?? Decode() : throw WrongKind(StixValueKind.String);

    /// <summary>The text of a string value, or <see langword="null"/> for any other kind.</summary>
    public string? AsString() => Kind == StixValueKind.String ? _payload as string ?? Decode() : null;

    /// <summary>The text of a number as written in JSON.</summary>
    /// <exception cref="InvalidOperationException">This is not a number.</exception>
    public string GetRawNumber() =>
        Kind == StixValueKind.Number ? Unsafe.As<string>(_payload!) : throw WrongKind(StixValueKind.Number);

    /// <summary>Whether this number is written as an integer (no fraction, no exponent).</summary>
    public bool IsIntegerNumber =>
        Kind == StixValueKind.Number && Unsafe.As<string>(_payload!).AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    /// <summary>Reads an integer number that fits in 64 bits.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>Whether this is an integer number within range.</returns>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return IsIntegerNumber && long.TryParse(RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads any number as a double.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Whether this is a number.</returns>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        return Kind == StixValueKind.Number && double.TryParse(RawText, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value of a boolean.</summary>
    /// <exception cref="InvalidOperationException">This is not a boolean.</exception>
    public bool GetBoolean() => Kind switch
    {
        StixValueKind.True => true,
        StixValueKind.False => false,
        _ => throw WrongKind(StixValueKind.True),
    };

    /// <summary>
    /// Compares two values as JSON trees: objects as unordered sets of properties, arrays in order,
    /// numbers by value.
    /// </summary>
    /// <param name="other">The value to compare with.</param>
    public bool DeepEquals(StixValue? other) => StixValueEquality.Equal(this, other);

    /// <summary>The value as compact JSON.</summary>
    public override string ToString() => StixJsonWriter.ToJsonString(this);

    /// <summary>The text of a number; for a string, its decoded text.</summary>
    internal string? RawText => Kind == StixValueKind.String ? AsString() : _payload as string;

    /// <summary>
    /// The UTF-8 bytes of a string read from JSON and not yet decoded: checks that need only ASCII (identifiers,
    /// timestamps, base64) read them without decoding. False for a decoded or constructed string, which
    /// <see cref="GetString"/> then gives.
    /// </summary>
    /// <param name="utf8">The string's UTF-8 bytes (valid UTF-8, no escapes left); valid while the value lives.</param>
    public bool TryGetUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (Kind == StixValueKind.String && _payload is byte[] bytes && _start >= 0)
        {
            utf8 = Slice(bytes);
            return true;
        }

        utf8 = default;
        return false;
    }

    /// <summary>Whether two strings have the same text, compared as UTF-8 while both are undecoded.</summary>
    internal bool StringEquals(StixValue other) =>
        TryGetUtf8(out var mine) && other.TryGetUtf8(out var theirs) ? mine.SequenceEqual(theirs) : GetString() == other.GetString();

    /// <summary>
    /// A string that is the slice of <paramref name="utf8"/> from <paramref name="start"/> of <paramref name="length"/>
    /// bytes, just before a quote: valid UTF-8 with no escapes, decoded when first asked for.
    /// </summary>
    internal static StixValue Utf8String(byte[] utf8, int start, int length) => new(utf8, start, length);

    /// <summary>
    /// A string that is the slice of <paramref name="utf8"/> from <paramref name="start"/>, just past its opening quote,
    /// of <paramref name="length"/> bytes, up to its closing quote, with escapes that always decode (none of them
    /// <c>\u</c>), decoded when first asked for. Its UTF-8 is never handed out (<see cref="TryGetUtf8"/>): it is not the
    /// text.
    /// </summary>
    internal static StixValue EscapedUtf8String(byte[] utf8, int start, int length) => new(utf8, ~start, length);

    private ReadOnlySpan<byte> Slice(byte[] bytes)
    {
        if (_length != LongSlice)
        {
            return bytes.AsSpan(_start, _length);
        }

        var text = bytes.AsSpan(_start);
        return text[..text.IndexOf((byte)'"')];
    }

    private string Decode()
    {
        // Read once: another thread may have decoded the string since this one looked.
        var payload = Volatile.Read(ref _payload);
        if (payload is string decoded)
        {
            return decoded;
        }

        var bytes = Unsafe.As<byte[]>(payload!);
        var text = _start >= 0 ? Encoding.UTF8.GetString(Slice(bytes)) : Unescape(bytes, ~_start, _length);

        // The first decoding to be published wins, so that every caller sees one instance, as when the reader
        // decoded every string: callers may compare or cache strings by reference.
        return Interlocked.CompareExchange(ref _payload, text, bytes) as string ?? text;
    }

    // The string whose text starts at 'start', just past its opening quote, decoded with its escapes.
    private static string Unescape(byte[] bytes, int start, ushort length)
    {
        var end = start + length;
        if (length == LongSlice)
        {
            // The first quote that no backslash escapes.
            end = start;
            while (bytes[end += bytes.AsSpan(end).IndexOfAny((byte)'"', (byte)'\\')] != (byte)'"')
            {
                end += 2; // a backslash and the byte it escapes
            }
        }

        var reader = new Utf8JsonReader(bytes.AsSpan(start - 1, end - start + 2));
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>
    /// Whether the reader hands out this one instance for every occurrence of the value (see ValueCache): what
    /// has been checked about it once need not be checked again.
    /// </summary>
    internal bool IsShared { get; }

    /// <summary>
    /// A number that stands for a shared value (<see cref="IsShared"/>) in the hash tables that find values by
    /// reference: unlike <see cref="RuntimeHelpers.GetHashCode(object)"/>, it is read, not looked up. 0 for other values.
    /// </summary>
    internal int ShareKey => IsShared ? _start : 0;

    internal static StixValue SharedString(string value) => new(StixValueKind.String, value, shared: true);

    internal static StixValue SharedNumber(string json) => new(StixValueKind.Number, json, shared: true);

    internal static StixValue SharedArray(StixValue[] items) => new(StixValueKind.Array, items, shared: true);

    internal static StixValue SharedObject(StixProperty[] properties) => new(StixValueKind.Object, properties, shared: true);

    private InvalidOperationException WrongKind(StixValueKind expected) =>
        new($"The value is a JSON {Kind.ToString().ToLowerInvariant()}, not a {expected.ToString().ToLowerInvariant()}.");
}
