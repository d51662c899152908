using System.Buffers;
using System.Text.Json;

namespace CyDef.Stix.Json;

public sealed partial class StixStreamReader
{
    /// <summary>Reads more of the stream, keeping the bytes from <paramref name="keepFrom"/> on (moved to the start).</summary>
    /// <returns>The shift applied to buffer indexes (subtract it from saved indexes), or -1 at the end of the stream.</returns>
    private int Refill(int keepFrom)
    {
        if (_eof)
        {
            return -1;
        }

        var kept = _end - keepFrom;
        var size = _buffer.Length;
        if (kept == size)
        {
            if (size >= _options.MaxValueBytes)
            {
                // Reading stops here: the caller sees the end of the input and reports _failure.
                _failure = $"a single JSON value is larger than the limit of {_options.MaxValueBytes} bytes";
                _eof = true;
                return -1;
            }

            size = Math.Min(size * 2, _options.MaxValueBytes);
        }
        else if (_lent && kept <= InitialBufferSize / 2)
        {
            size = InitialBufferSize; // a buffer grown for one large value is not kept on
        }

        if (keepFrom > 0 || size != _buffer.Length)
        {
            _positionAtBufferStart = _positionAtBufferStart.Advance(_buffer.AsSpan(0, keepFrom));
            _consumedBefore += keepFrom;
            if (_lent || size != _buffer.Length)
            {
                // A lent buffer stays as it is, the values' own: what is kept moves to a new one.
                var next = ArrayPool<byte>.Shared.Rent(size);
                Buffer.BlockCopy(_buffer, keepFrom, next, 0, kept);
                if (!_lent)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                }

                _buffer = next;
                _lent = false;
            }
            else
            {
                Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, kept);
            }

            _end = kept;
            _start -= keepFrom;
            ForgetStops();
        }

        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                break;
            }

            _end += read;
        }

        return keepFrom;
    }

    private int PeekNonWhiteSpace()
    {
        while (!_stopped)
        {
            while (_start < _end)
            {
                var b = _buffer[_start];
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return b;
                }

                _start++;
            }

            if (Refill(_start) < 0)
            {
                return -1;
            }
        }

        return -1;
    }

    private void SkipByteOrderMark()
    {
        if (_end - _start < 3)
        {
            Refill(_start);
        }

        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }
    }

    /// <summary>
    /// Finds the end of the JSON value that starts at <paramref name="from"/> (a buffer index), reading more
    /// of the stream as needed. <paramref name="from"/> is updated when the buffer shifts.
    /// </summary>
    /// <returns>The buffer index one past the value.</returns>
    /// <exception cref="JsonException">The value is not well-formed JSON.</exception>
    private int FindValueEnd(ref int from)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(from, _end - from), _eof, new JsonReaderState(new JsonReaderOptions { MaxDepth = _options.MaxDepth }));
            if (reader.Read() && reader.TrySkip())
            {
                return from + (int)reader.BytesConsumed;
            }

            var shift = Refill(Math.Min(from, _start));
            if (shift < 0)
            {
                // At the end of the stream a final-block reader throws for an incomplete value; this is unreachable.
                throw new JsonException(_failure ?? "the input ends inside a JSON value");
            }

            from -= shift;
        }
    }

    private StixReadItem ParseSlice(int from, int to, string path)
    {
        var result = StixJsonReader.Parse(_buffer.AsSpan(from, to - from), _options, path, TextPosition.Start);
        if (result.Error is not { } error)
        {
            return new StixReadItem(result.Value, null, path);
        }

        // Positions are counted only on failure: the error's place in the slice is put after the slice's start.
        var at = PositionAt(from).Then(error.Offset, error.Line, error.Column);
        return new StixReadItem(null, error with { Offset = at.Offset, Line = at.Line, Column = at.Column }, path);
    }

    // A line of NDJSON: read with a placeholder path, which is written out only when the line has an error.
    private StixReadItem ParseLine(int from, int to, int line)
    {
        var result = StixJsonReader.Parse(_buffer.AsSpan(from, to - from), _options, "$", TextPosition.Start);
        return result.Error is null ? new StixReadItem(result.Value, null, line) : ParseSlice(from, to, StixReadItem.TopLevelPath(line));
    }

    private TextPosition PositionAt(int index) => _positionAtBufferStart.Advance(_buffer.AsSpan(0, index));

    private StixReadItem ErrorItem(string path, string message, int index)
    {
        var position = PositionAt(Math.Clamp(index, 0, _end));
        return new StixReadItem(null, new StixReadError(message, path, position.Offset, position.Line, position.Column), path);
    }

    private StixReadItem ErrorItem(string path, JsonException e, int from)
    {
        // The reader's line and byte position are relative to the slice it read, which began at 'from'.
        var offset = from;
        var line = e.LineNumber ?? 0;
        for (var i = 0; i < line && offset < _end; i++)
        {
            var next = _buffer.AsSpan(offset, _end - offset).IndexOf((byte)'\n');
            offset = next < 0 ? _end : offset + next + 1;
        }

        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return ErrorItem(path, (cut > 0 ? message[..cut] : message).TrimEnd('.', ' '), offset + (int)(e.BytePositionInLine ?? 0));
    }

    private void SkipToNextLineStartingWithBrace()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                _start = _end;
                if (Refill(_start) < 0)
                {
                    return;
                }

                continue;
            }

            _start += newline + 1;
            if (_start == _end && Refill(_start) < 0)
            {
                return;
            }

            if (_buffer[_start] == (byte)'{')
            {
                return;
            }
        }
    }
}
