using System.Text;
using CyDef.Detection.Readers;

namespace CyDef.Detection.Tests;

/// <summary>Helpers: one line through a reader, the event as "Field=value" strings.</summary>
internal static class Lines
{
    public static (LineResult Result, SkipReason Reason, List<string> Values, SensorEvent Event) Read(SensorFormat format, string line) =>
        Read(SensorRecordReader.For(format, new FixedClock()), line);

    public static (LineResult Result, SkipReason Reason, List<string> Values, SensorEvent Event) Read(SensorRecordReader reader, string line)
    {
        var e = new SensorEvent();
        var result = reader.Read(Encoding.UTF8.GetBytes(line), e, out var reason);
        var values = Enumerable.Range(0, e.Count).Select(i => $"{e.FieldAt(i)}={e.StringAt(i)}").ToList();
        return (result, reason, values, e);
    }

    public static DateTime Time(SensorEvent e) => new(e.Ticks, DateTimeKind.Utc);

    /// <summary>A clock stopped at 2024-01-15T12:00:00Z.</summary>
    internal sealed class FixedClock(DateTimeOffset? now = null) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now ?? new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
