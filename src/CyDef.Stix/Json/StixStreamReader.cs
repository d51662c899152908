using System.Buffers;
using System.Text.Json;

namespace CyDef.Stix.Json;

/// <summary>
/// Reads STIX objects one at a time from a stream of any size: a bundle (its <c>objects</c> are yielded as
/// they arrive, the bundle never sits whole in memory), a JSON array of objects, one object, or NDJSON (one
/// object per line). A malformed object gives an error item and reading goes on where the input allows
/// (the next line of NDJSON; the next item of a bundle when only that item's content was wrong).
/// </summary>
public sealed partial class StixStreamReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private const int LineFastPathBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly StixReadOptions _options;
    private byte[] _buffer;
    private int _start;      // first byte not yet consumed
    private int _end;        // one past the last byte read from the stream
    private long _consumedBefore; // bytes of the stream before _buffer[0]
    private TextPosition _positionAtBufferStart = TextPosition.Start;
    private bool _eof;
    private string? _failure;
    private bool _lineMode;

    /// <summary>Creates a reader over <paramref name="stream"/>, which it does not dispose.</summary>
    /// <param name="stream">The UTF-8 input.</param>
    /// <param name="options">Limits; <see cref="StixReadOptions.Default"/> when omitted.</param>
    public StixStreamReader(Stream stream, StixReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _options = options ?? StixReadOptions.Default;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>How many bytes of the stream have been consumed so far (for progress reporting).</summary>
    public long BytesConsumed => _consumedBefore + _start;

    /// <summary>Reads every object of the input, in order.</summary>
    public IEnumerable<StixReadItem> ReadObjects()
    {
        SkipByteOrderMark();
        var first = PeekNonWhiteSpace();
        return first switch
        {
            -1 => [],
            '[' => ReadArray("$"),
            '{' => ReadTopLevelObjects(),
            _ => [ErrorItem("$", "the input is not a STIX object, a bundle, a JSON array or NDJSON", _start)],
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A buffer lent to values read in place is theirs.
        if (_buffer.Length > 0 && !_lent)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
    }

    private IEnumerable<StixReadItem> ReadTopLevelObjects()
    {
        var line = 0;
        while (PeekNonWhiteSpace() == '{')
        {
            line++;
            if (TryReadLine(line) is { } whole)
            {
                // Once a line has held a whole value, the input is NDJSON: every line stands alone.
                _lineMode = true;
                if (IsBundle(whole))
                {
                    foreach (var item in Expand(whole))
                    {
                        yield return item;
                    }
                }
                else
                {
                    yield return whole;
                }

                continue;
            }

            var path = StixReadItem.TopLevelPath(line);
            if (_lineMode)
            {
                yield return ReadBrokenLine(path);
                continue;
            }

            foreach (var item in ReadLargeObject(path))
            {
                yield return item;
            }
        }

        if (_failure is not null)
        {
            yield return ErrorItem($"$[{line}]", _failure, _end);
        }
        else if (PeekNonWhiteSpace() is not -1 and var other)
        {
            yield return ErrorItem($"$[{line}]", $"unexpected character '{(char)other}' where a JSON object should start", _start);
        }
    }

    private StixReadItem ReadBrokenLine(string path)
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        var lineEnd = newline >= 0 ? _start + newline : _end;
        var item = ParseSlice(_start, lineEnd, path);
        _start = lineEnd;
        return item.Error is null
            ? item with { Value = null, Error = new StixReadError("a line of NDJSON must hold exactly one JSON value", path, PositionAt(lineEnd).Offset, PositionAt(lineEnd).Line, PositionAt(lineEnd).Column) }
            : item;
    }

    /// <summary>
    /// NDJSON's fast path: a value that fills its line is parsed once, with no separate scan. Lines longer
    /// than <see cref="LineFastPathBytes"/> (a minified bundle on one line, say) take the streaming path.
    /// </summary>
    private StixReadItem? TryReadLine(int line)
    {
        if (_lineMode && ReadsInPlace && ReadLineInPlace(line) is { } read)
        {
            return read;
        }

        int newline;
        while ((newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n')) < 0 && !_eof && _end - _start < LineFastPathBytes)
        {
            if (Refill(_start) < 0)
            {
                break;
            }
        }

        if (newline < 0 && !_eof)
        {
            return null;
        }

        var lineEnd = newline >= 0 ? _start + newline : _end;
        if (!_lineMode && _buffer.AsSpan(_start, lineEnd - _start).TrimEnd(" \t\r"u8) is not [.., (byte)'}'])
        {
            return null; // not a whole object: the first line of one written over several lines, say
        }

        var item = ParseLine(_start, lineEnd, line);
        if (item.Error is not null && !_lineMode)
        {
            // Not one value on one line: a pretty-printed object, or a one-line bundle with one bad
            // object, which the general path reports alone.
            return null;
        }

        _start = lineEnd;
        return item;
    }

    private static bool IsBundle(StixReadItem item) => item.Value is { } value && value["type"]?.AsString() == "bundle";

    private static IEnumerable<StixReadItem> Expand(StixReadItem item)
    {
        if (IsBundle(item))
        {
            var value = item.Value!;
            var objects = value["objects"];
            if (objects is { IsArray: true })
            {
                for (var i = 0; i < objects.Count; i++)
                {
                    yield return new StixReadItem(objects.Items[i], null, JsonPath.Index("$.objects", i));
                }
            }

            yield break;
        }

        yield return item;
    }

    private IEnumerable<StixReadItem> ReadLargeObject(string path)
    {
        var scan = ScanToObjects(path);
        if (scan.Error is { } error)
        {
            yield return error;
            SkipToNextLineStartingWithBrace();
            yield break;
        }

        if (scan.ObjectsStart < 0)
        {
            foreach (var item in Expand(ParseSlice(_start, scan.End, path)))
            {
                yield return item;
            }

            _start = scan.End;
            yield break;
        }

        _start = scan.ObjectsStart;
        foreach (var item in ReadArray("$.objects"))
        {
            yield return item;
        }

        if (FinishObject(path) is { } tail)
        {
            yield return tail;
        }
    }
}
