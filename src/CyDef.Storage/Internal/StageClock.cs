using System.Diagnostics;

namespace CyDef.Storage.Internal;

/// <summary>Where an ingest's time goes (the load tool prints it): cumulative stopwatch ticks per stage, process-wide.</summary>
internal static class StageClock
{
    private static long _commit;
    private static long _handOver;
    private static long _index;
    private static long _finalWait;
    private static long _readerWait;

    public static void Reset() => _commit = _handOver = _index = _finalWait = _readerWait = 0;

    public static void AddCommit(long started) => Interlocked.Add(ref _commit, Stopwatch.GetTimestamp() - started);

    public static void AddHandOver(long started) => Interlocked.Add(ref _handOver, Stopwatch.GetTimestamp() - started);

    public static void AddIndex(long started) => Interlocked.Add(ref _index, Stopwatch.GetTimestamp() - started);

    public static void AddFinalWait(long started) => Interlocked.Add(ref _finalWait, Stopwatch.GetTimestamp() - started);

    public static void AddReaderWait(long started) => Interlocked.Add(ref _readerWait, Stopwatch.GetTimestamp() - started);

    public static string Describe() =>
        $"writer commits {Seconds(_commit):N1} s, hand-over waits {Seconds(_handOver):N1} s, writer waits for batches {Seconds(_readerWait):N1} s, index writes {Seconds(_index):N1} s, final index wait {Seconds(_finalWait):N1} s";

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
