namespace CyDef.Benchmarks.Load;

/// <summary>Writes the progress of a long pass to stderr, at most every two seconds.</summary>
internal sealed class ProgressReporter(string pass, long totalBytes)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly DateTime _started = DateTime.UtcNow;
    private DateTime _last = DateTime.UtcNow;

    public void Report(long bytes)
    {
        var now = DateTime.UtcNow;
        if (now - _last < Interval)
        {
            return;
        }

        _last = now;
        var rate = bytes / (double)(1 << 20) / (now - _started).TotalSeconds;
        Console.Error.WriteLine($"  {pass}: {bytes >> 20:N0} / {totalBytes >> 20:N0} MB ({100.0 * bytes / totalBytes:N0} %), {rate:N1} MB/s");
    }
}
