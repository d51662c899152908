using System.Text.Json;

namespace CyDef.Stix.Json;

public sealed partial class StixStreamReader
{
    private bool _stopped;

    private enum Step
    {
        Item,
        End,
        Error,
    }

    private readonly record struct ObjectScan(int ObjectsStart, int End, StixReadItem? Error);

    /// <summary>Streams the items of the array whose '[' is at <see cref="_start"/>.</summary>
    private IEnumerable<StixReadItem> ReadArray(string path)
    {
        _start++;
        for (var index = 0; ; index++)
        {
            var step = NextArrayItem(path, index, out var item);
            if (step == Step.End)
            {
                yield break;
            }

            yield return item;
            if (step == Step.Error)
            {
                // The array's structure is broken: nothing after this point can be placed with confidence.
                _stopped = true;
                yield break;
            }
        }
    }

    private Step NextArrayItem(string path, int index, out StixReadItem item)
    {
        item = default;
        var c = PeekNonWhiteSpace();
        if (c == ']')
        {
            _start++;
            return Step.End;
        }

        if (index > 0 && c == ',')
        {
            _start++;
            c = PeekNonWhiteSpace();
        }
        else if (index > 0 && c != -1)
        {
            item = ErrorItem(path, $"expected ',' or ']' after item {index - 1}, found '{(char)c}'", _start);
            return Step.Error;
        }

        if (c == -1)
        {
            item = ErrorItem(JsonPath.Index(path, index), _failure ?? "the input ends inside a list", _start);
            return Step.Error;
        }

        return ReadItem(path, index, out item);
    }

    /// <summary>
    /// Reads the value at <see cref="_start"/>, item <paramref name="index"/> of the array at <paramref name="path"/>, in
    /// one pass, reading more of the stream when it is cut short. A value with an error inside sound JSON (a duplicate
    /// key) is reported and skipped; broken JSON stops the array. The item's path is written out only for an error.
    /// </summary>
    private Step ReadItem(string path, int index, out StixReadItem item)
    {
        if (ReadsInPlace && ReadInPlace() is { } value)
        {
            item = new StixReadItem(value, null, path, index);
            return Step.Item;
        }

        var itemPath = JsonPath.Index(path, index);
        if (_failure is not null)
        {
            // The value is larger than the limit: reading stopped inside it.
            item = ErrorItem(itemPath, _failure, _start);
            return Step.Error;
        }

        var from = _start;
        while (true)
        {
            var result = StixJsonReader.ParsePrefix(_buffer.AsSpan(from, _end - from), _eof, _options, itemPath, out var consumed, out var needMore);
            if (needMore)
            {
                var shift = Refill(from);
                if (shift < 0)
                {
                    item = ErrorItem(itemPath, _failure ?? "the input ends inside a list", from);
                    return Step.Error;
                }

                from -= shift;
                continue;
            }

            if (result.Success)
            {
                item = new StixReadItem(result.Value, null, itemPath);
                _start = from + consumed;
                return Step.Item;
            }

            try
            {
                var to = FindValueEnd(ref from);
                item = ParseSlice(from, to, itemPath);
                _start = to;
                return Step.Item;
            }
            catch (JsonException e)
            {
                item = ErrorItem(itemPath, e, from);
                return Step.Error;
            }
        }
    }

    /// <summary>Scans the top-level object at <see cref="_start"/> up to its <c>objects</c> array, or to its end.</summary>
    private ObjectScan ScanToObjects(string path) => ScanProperties(path, 1, first: true);

    /// <summary>After a bundle's objects: the rest of its properties, up to its closing brace.</summary>
    private StixReadItem? FinishObject(string path)
    {
        if (_stopped)
        {
            return null;
        }

        var scan = ScanProperties(path, 0, first: false);
        if (scan.ObjectsStart >= 0)
        {
            _stopped = true;
            return ErrorItem(path, "duplicate key 'objects'", scan.ObjectsStart);
        }

        if (scan.Error is not null)
        {
            _stopped = true;
            return scan.Error;
        }

        _start = scan.End;
        return null;
    }

    private ObjectScan ScanProperties(string path, int relative, bool first)
    {
        string? type = null;
        try
        {
            while (true)
            {
                var c = PeekAt(ref relative);
                if (c == '}')
                {
                    return new ObjectScan(-1, _start + relative + 1, null);
                }

                if (!first)
                {
                    if (c != ',')
                    {
                        return Fail(c == -1 ? _failure ?? "the input ends inside an object" : $"expected ',' or '}}', found '{(char)c}'", relative);
                    }

                    relative++;
                    c = PeekAt(ref relative);
                }

                first = false;
                if (c != '"')
                {
                    return Fail(c == -1 ? "the input ends inside an object" : "expected a property name in double quotes", relative);
                }

                var name = ReadName(ref relative);
                if (PeekAt(ref relative) != ':')
                {
                    return Fail("expected ':' after the property name", relative);
                }

                relative++;
                c = PeekAt(ref relative);
                // Only a bundle's objects are streamed; an object of another type is read whole.
                if (name == "objects" && c == '[' && type is null or "bundle")
                {
                    return new ObjectScan(_start + relative, -1, null);
                }

                var from = _start + relative;
                relative = FindValueEnd(ref from) - _start;
                if (name == "type" && c == '"')
                {
                    type = ReadString(from, _start + relative);
                }
            }
        }
        catch (JsonException e)
        {
            return new ObjectScan(-1, -1, ErrorItem(path, e, _start + relative));
        }
        catch (InvalidOperationException)
        {
            return new ObjectScan(-1, -1, ErrorItem(path, "the text is not valid UTF-8", _start + relative));
        }

        ObjectScan Fail(string message, int at) => new(-1, -1, ErrorItem(path, message, _start + at));
    }

    /// <summary>The first non-blank byte at or after <see cref="_start"/> + <paramref name="relative"/>; -1 at the end.</summary>
    private int PeekAt(ref int relative)
    {
        while (true)
        {
            while (_start + relative < _end)
            {
                var b = _buffer[_start + relative];
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return b;
                }

                relative++;
            }

            if (Refill(_start) < 0)
            {
                return -1;
            }
        }
    }

    private string ReadString(int from, int to)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(from, to - from));
        reader.Read();
        return reader.GetString() ?? "";
    }

    private string ReadName(ref int relative)
    {
        var from = _start + relative;
        var to = FindValueEnd(ref from);
        var reader = new Utf8JsonReader(_buffer.AsSpan(from, to - from));
        reader.Read();
        relative = to - _start;
        return reader.GetString() ?? "";
    }
}
