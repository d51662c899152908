namespace CyDef.Detection.Readers;

/// <summary>Reads one line of a sensor's output into a <see cref="SensorEvent"/>, without allocation; never throws for bad input.</summary>
public abstract class SensorRecordReader
{
    /// <summary>How deeply JSON may nest before a record is refused.</summary>
    public const int MaxDepth = 32;

    /// <summary>Reads a line (without its line break).</summary>
    /// <param name="line">The line, UTF-8 (checked).</param>
    /// <param name="target">Reset, then filled with the record.</param>
    /// <param name="reason">Why the line was skipped, when it was.</param>
    public abstract LineResult Read(ReadOnlySpan<byte> line, SensorEvent target, out SkipReason reason);

    /// <summary>A reader for a format.</summary>
    /// <param name="format">The format.</param>
    /// <param name="now">The clock for records without a time of their own (CEF without <c>rt</c> or syslog time).</param>
    public static SensorRecordReader For(SensorFormat format, TimeProvider? now = null) => format switch
    {
        SensorFormat.Eve => new EveReader(),
        SensorFormat.Zeek => new ZeekReader(),
        SensorFormat.Cef => new CefReader(now ?? TimeProvider.System),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Blank lines are ignored; bytes that are not UTF-8 skip the line.</summary>
    private protected static LineResult Check(ReadOnlySpan<byte> line, out SkipReason reason)
    {
        reason = default;
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return LineResult.Ignored;
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            reason = SkipReason.InvalidUtf8;
            return LineResult.Skipped;
        }

        return LineResult.Event;
    }
}
