namespace CyDef.Detection;

/// <summary>
/// Splits a byte stream into lines in one buffer (twice the longest line): complete lines are handed on as spans of
/// it, the incomplete tail moves to the front. A line that outgrows the limit is dropped up to its line break.
/// </summary>
internal sealed class LineFramer(int maxLine)
{
    private readonly byte[] _buffer = new byte[Math.Max(64 * 1024, maxLine * 2)];
    private int _start, _end;
    private bool _discarding;

    public Memory<byte> Free
    {
        get
        {
            if (_start > 0 && (_end == _buffer.Length || _start > _buffer.Length / 2))
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            return _buffer.AsMemory(_end);
        }
    }

    public void Commit(int count, DetectionSession session)
    {
        session.BeginBatch();
        try
        {
            Frame(count, session);
        }
        finally
        {
            session.EndBatch();
        }
    }

    private void Frame(int count, DetectionSession session)
    {
        var scanFrom = _end;
        _end += count;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            var lineEnd = scanFrom + newline;
            if (_discarding)
            {
                _discarding = false;
            }
            else if (lineEnd - _start > maxLine)
            {
                session.SkipTooLong();
            }
            else
            {
                session.ProcessLine(TrimCr(_buffer.AsSpan(_start, lineEnd - _start)));
            }

            _start = scanFrom = lineEnd + 1;
        }

        if (_end - _start > maxLine)
        {
            if (!_discarding)
            {
                session.SkipTooLong();
            }

            _discarding = true;
            _start = _end = 0;
        }
    }

    public void Finish(DetectionSession session)
    {
        if (!_discarding && _end > _start)
        {
            session.ProcessLine(TrimCr(_buffer.AsSpan(_start, _end - _start)));
        }

        _start = _end = 0;
        _discarding = false;
    }

    public static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
