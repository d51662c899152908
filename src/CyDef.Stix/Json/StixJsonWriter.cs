using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CyDef.Stix.Json;

/// <summary>
/// Writes <see cref="StixValue"/> trees as JSON: properties in their order, numbers exactly as they were
/// written, timestamps with the precision they were given, and no <c>null</c> property values (STIX 2.1
/// §3.1 forbids them; a property whose value is null is left out).
/// </summary>
public static class StixJsonWriter
{
    private static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    /// <summary>Writes a value to a <see cref="Utf8JsonWriter"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteTo(Utf8JsonWriter writer, StixValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case StixValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.Properties)
                {
                    if (property.Value.Kind != StixValueKind.Null)
                    {
                        writer.WritePropertyName(property.Name);
                        WriteTo(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case StixValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    WriteTo(writer, item);
                }

                writer.WriteEndArray();
                break;
            case StixValueKind.String:
                // A string still held as UTF-8 is written from its bytes (escaped by the same encoder), not decoded.
                if (value.TryGetUtf8(out var utf8))
                {
                    writer.WriteStringValue(utf8);
                }
                else
                {
                    writer.WriteStringValue(value.GetString());
                }

                break;
            case StixValueKind.Number:
                WriteNumber(writer, value.GetRawNumber());
                break;
            case StixValueKind.True:
            case StixValueKind.False:
                writer.WriteBooleanValue(value.Kind == StixValueKind.True);
                break;
            case StixValueKind.Null:
                writer.WriteNullValue();
                break;
        }
    }

    // A number is written with the exact text it was read with. Utf8JsonWriter writes raw values where they fall, without
    // the line break and indentation an array item takes, so an indented writer is handed the number as a JsonElement,
    // which keeps its text and is laid out like any other value.
    private static void WriteNumber(Utf8JsonWriter writer, string text)
    {
        if (!writer.Options.Indented)
        {
            writer.WriteRawValue(text, skipInputValidation: true);
            return;
        }

        using var number = JsonDocument.Parse(text);
        number.RootElement.WriteTo(writer);
    }

    /// <summary>Writes a value as UTF-8 JSON to <paramref name="output"/>.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    /// <param name="indented">Whether to indent (two spaces) for people to read.</param>
    public static void WriteTo(IBufferWriter<byte> output, StixValue value, bool indented = false)
    {
        using var writer = new Utf8JsonWriter(output, indented ? Indented : Compact);
        WriteTo(writer, value);
    }

    /// <summary>Writes a value as UTF-8 JSON to a stream.</summary>
    /// <param name="output">The stream.</param>
    /// <param name="value">The value.</param>
    /// <param name="indented">Whether to indent.</param>
    public static void WriteTo(Stream output, StixValue value, bool indented = false)
    {
        using var writer = new Utf8JsonWriter(output, indented ? Indented : Compact);
        WriteTo(writer, value);
    }

    /// <summary>The value as UTF-8 JSON bytes.</summary>
    /// <param name="value">The value.</param>
    /// <param name="indented">Whether to indent.</param>
    public static byte[] ToUtf8Bytes(StixValue value, bool indented = false)
    {
        var scratch = Scratch.Rent();
        try
        {
            return scratch.Write(value, indented).ToArray();
        }
        finally
        {
            scratch.Return();
        }
    }

    /// <summary>The value as JSON text.</summary>
    /// <param name="value">The value.</param>
    /// <param name="indented">Whether to indent.</param>
    public static string ToJsonString(StixValue value, bool indented = false)
    {
        var scratch = Scratch.Rent();
        try
        {
            return Encoding.UTF8.GetString(scratch.Write(value, indented));
        }
        finally
        {
            scratch.Return();
        }
    }

    /// <summary>
    /// A buffer and writers kept per thread: a store writes every object it takes in, and a new buffer grown by doubling
    /// and a new writer for each cost more than the writing.
    /// </summary>
    private sealed class Scratch
    {
        // A buffer grown past this by one large value is not kept.
        private const int MaxKeptBytes = 1024 * 1024;

        [ThreadStatic]
        private static Scratch? _cached;

        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private Utf8JsonWriter? _compact;
        private Utf8JsonWriter? _indented;

        public static Scratch Rent()
        {
            // Taken, not shared: a value's ToString called while writing (in a debugger, say) gets its own.
            var scratch = _cached ?? new Scratch();
            _cached = null;
            return scratch;
        }

        public ReadOnlySpan<byte> Write(StixValue value, bool indented)
        {
            _buffer.ResetWrittenCount();
            var writer = indented ? _indented ??= new Utf8JsonWriter(_buffer, Indented) : _compact ??= new Utf8JsonWriter(_buffer, Compact);
            writer.Reset(_buffer);
            WriteTo(writer, value);
            writer.Flush();
            return _buffer.WrittenSpan;
        }

        public void Return()
        {
            if (_buffer.Capacity <= MaxKeptBytes)
            {
                _cached = this;
            }
        }
    }
}
