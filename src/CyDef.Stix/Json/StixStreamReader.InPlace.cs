using System.Text.Unicode;

namespace CyDef.Stix.Json;

/// <summary>
/// The fast path for the items of a bundle or an array: an item is read by <see cref="JsonScan"/> where it lies in the
/// buffer, and its strings stay slices of that buffer, which is then lent to the values. A lent buffer is never written
/// over nor returned to the pool: when more must be read, what is kept moves to a new buffer, and the old one lives as
/// long as a value of it does.
/// </summary>
/// <remarks>
/// The scan reads only bytes known to be UTF-8 (ASCII, or checked once as they arrive): what it reads goes into the
/// thread's caches of names and values, which the token-by-token read trusts. Where the buffer holds bytes that are not
/// UTF-8, the items from there on are read token by token, which finds and places the error.
/// </remarks>
public sealed partial class StixStreamReader
{
    private ulong[] _stops = [];
    private int _markedEnd;  // the stops of _buffer are marked up to here
    private int _vettedEnd;  // the bytes before here are UTF-8, and end with a whole character
    private bool _notUtf8;   // bytes from _vettedEnd on are not UTF-8 (not merely a character cut short)
    private bool _lent;      // values hold slices of _buffer

    /// <summary>Whether items are read in place (the tests compare the two reads); true unless turned off.</summary>
    internal bool ReadsInPlace { get; init; } = true;

    /// <summary>
    /// The value at <see cref="_start"/>, read in place; <see langword="null"/> when the fast path cannot vouch for it
    /// (bad JSON, an escaped name, bytes that are not UTF-8), having consumed nothing. A value that runs past the bytes
    /// read so far is read again once more are, in a larger buffer if it must be.
    /// </summary>
    private StixValue? ReadInPlace()
    {
        while (true)
        {
            MarkStops();
            var scan = new JsonScan(_buffer.AsSpan(0, _vettedEnd), _stops, _options.MaxDepth - 1, _start);
            var value = StixJsonReader.ReadInPlace(ref scan, _buffer);
            var end = scan.Position;

            if (value is not null)
            {
                // A value followed by checked bytes, or by nothing ever: taken when what follows may follow a value (a
                // number or a literal ends only there); anything else is for the token-by-token read to judge and place.
                if (end == _end ? _eof : end < _vettedEnd)
                {
                    if (end < _end && _buffer[end] is not ((byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
                    {
                        return null;
                    }

                    _start = end;
                    _lent = true;
                    return value;
                }

                // A number that ends where the checked bytes do may go on, or be followed by bytes that are not UTF-8.
                if (_notUtf8 || _eof)
                {
                    return null;
                }
            }
            else if (!scan.RanOut || _notUtf8)
            {
                return null;
            }

            if (Refill(_start) < 0)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// A line of NDJSON read in place: its value, which only blanks may follow on the line; <see langword="null"/>, having
    /// consumed nothing, for anything else, which the line-by-line read then reads and reports.
    /// </summary>
    private StixReadItem? ReadLineInPlace(int line)
    {
        var lineAt = BytesConsumed;
        if (ReadInPlace() is { } value)
        {
            var blanks = _buffer.AsSpan(_start, _end - _start).IndexOfAnyExcept(" \t\r"u8);
            if (blanks < 0 ? _eof : _buffer[_start + blanks] == (byte)'\n')
            {
                _start += blanks < 0 ? _end - _start : blanks;
                return new StixReadItem(value, null, line);
            }

            _start = (int)(lineAt - _consumedBefore);
        }

        return null;
    }

    /// <summary>
    /// Marks the stops of the buffer's bytes up to <see cref="_end"/> (<see cref="JsonScan.Mark"/>), and checks those
    /// that are not ASCII as UTF-8.
    /// </summary>
    private void MarkStops()
    {
        if (_markedEnd == _end)
        {
            return;
        }

        if (_stops.Length < JsonScan.StopWords(_end))
        {
            _markedEnd = 0; // the bitmap grows, and starts again
        }

        var stops = JsonScan.Room(ref _stops, _end);
        var from = _markedEnd & ~63; // the word that holds the first new byte is marked again, whole
        var ascii = JsonScan.Mark(_buffer.AsSpan(from, _end - from), stops[(from >> 6)..]);
        _markedEnd = _end;
        if (ascii && _vettedEnd >= from)
        {
            _vettedEnd = _end;
        }
        else if (!_notUtf8)
        {
            var unvetted = _buffer.AsSpan(_vettedEnd, _end - _vettedEnd);
            var whole = WholeCharacters(unvetted);
            if (Utf8.IsValid(unvetted[..whole]))
            {
                _vettedEnd += whole;
            }
            else
            {
                _notUtf8 = true;
            }
        }
    }

    /// <summary>After the buffer's bytes moved: none is marked or checked any more.</summary>
    private void ForgetStops()
    {
        _markedEnd = 0;
        _vettedEnd = 0;
        _notUtf8 = false;
    }

    /// <summary>How many bytes of <paramref name="utf8"/> come before a character its end cuts short (more may follow).</summary>
    private static int WholeCharacters(ReadOnlySpan<byte> utf8)
    {
        // The last byte that starts a character, within the longest a character takes.
        for (var i = utf8.Length - 1; i >= 0 && i >= utf8.Length - 4; i--)
        {
            var b = utf8[i];
            if ((b & 0xC0) != 0x80)
            {
                var length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return i + length > utf8.Length ? i : utf8.Length;
            }
        }

        return utf8.Length;
    }
}
