using CyDef.Stix.Json;

namespace CyDef.Fuzz;

public static partial class StixFuzzTarget
{
    // StixStreamReader's first buffer (64 KiB, from ArrayPool): padding an input with blanks moves it across the
    // buffer's end, so that every fuzz input also exercises the refill and shift paths.
    private const int StreamBufferSize = 64 * 1024;

    private static List<StixReadItem> ReadStream(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new StixStreamReader(stream);
        var items = new List<StixReadItem>();
        foreach (var item in reader.ReadObjects())
        {
            Require(items.Count <= bytes.Length, "StixStreamReader yields more items than the input has bytes: it loops");
            Require((item.Value is null) != (item.Error is null), $"StixStreamReader: an item must hold a value or an error: {item}");
            if (item.Error is { } error)
            {
                CheckError(error, bytes.Length, "StixStreamReader");
            }

            items.Add(item);
        }

        return items;
    }

    /// <summary>
    /// An input that is one JSON value streams as the parser reads it: a bundle as its objects, an array as
    /// its items, another object as itself, and a string, number or literal as one error (it holds no object).
    /// </summary>
    private static void CheckStreamMatchesParse(StixValue value, List<StixReadItem> items)
    {
        if (!value.IsObject && !value.IsArray)
        {
            Require(items is [{ Error: not null }], $"StixStreamReader yielded {Describe(items)} for a JSON {value.Kind}, not one error");
            return;
        }

        if (ObjectsBeforeType(value) is { } objects && Matches(items, objects.Items.ToArray()))
        {
            // A stream cannot wait for 'type': an 'objects' list that comes before it is streamed as a bundle's.
            return;
        }

        var expected = ExpectedStreamValues(value);
        Require(Matches(items, expected), $"StixStreamReader yielded {Describe(items)} where StixJsonReader.Parse gives {expected.Length} values");
    }

    private static bool Matches(List<StixReadItem> items, StixValue[] expected)
    {
        if (items.Count != expected.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (items[i].Value is not { } streamed || !streamed.DeepEquals(expected[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The 'objects' list of a top-level object where it comes before any 'type'.</summary>
    private static StixValue? ObjectsBeforeType(StixValue value)
    {
        foreach (var property in value.Properties)
        {
            switch (property.Name)
            {
                case "type":
                    return null;
                case "objects":
                    return property.Value.IsArray ? property.Value : null;
            }
        }

        return null;
    }

    private static StixValue[] ExpectedStreamValues(StixValue value)
    {
        if (IsBundle(value))
        {
            return value["objects"] is { IsArray: true } objects ? objects.Items.ToArray() : [];
        }

        return value.IsArray ? value.Items.ToArray() : [value];
    }

    /// <summary>Where the stream's buffer ends must not change what it reads.</summary>
    private static void CheckStreamIgnoresBufferBoundaries(byte[] bytes, List<StixReadItem> unpadded)
    {
        if (bytes.Length is 0 or >= StreamBufferSize)
        {
            return;
        }

        var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var split = bom + ((bytes.Length - bom) / 2);
        var padded = new byte[StreamBufferSize - split + bytes.Length];
        bytes.AsSpan(0, bom).CopyTo(padded);
        padded.AsSpan(bom, StreamBufferSize - split).Fill((byte)' ');
        bytes.AsSpan(bom).CopyTo(padded.AsSpan(bom + StreamBufferSize - split));

        var items = ReadStream(padded);
        Require(items.Count == unpadded.Count, $"StixStreamReader yielded {items.Count} items with the buffer's end at byte {split}, {unpadded.Count} without: {Describe(items)} vs {Describe(unpadded)}");
        for (var i = 0; i < items.Count; i++)
        {
            var same = items[i].Value is { } value ? value.DeepEquals(unpadded[i].Value) : unpadded[i].Value is null;
            Require(same, $"StixStreamReader's item {i} changed with the buffer's end at byte {split}: {Describe(items)} vs {Describe(unpadded)}");
        }
    }

    private static string Describe(List<StixReadItem> items) =>
        "[" + string.Join(", ", items.Take(5).Select(i => i.Error is { } e ? $"error {e}" : Preview(i.Value!.ToString()))) + (items.Count > 5 ? ", …]" : "]");
}
