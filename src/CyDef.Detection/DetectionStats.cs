namespace CyDef.Detection;

/// <summary>What a stream of sensor input gave: lines, events, hits, and the lines skipped with why (the first few with their line number).</summary>
public sealed class DetectionStats
{
    private const int KeptSkips = 20;
    private readonly long[] _skipped = new long[Enum.GetValues<SkipReason>().Length];
    private readonly List<(long Line, SkipReason Reason)> _first = [];

    /// <summary>Lines read (records, skipped lines, headers and blank lines).</summary>
    public long Lines { get; internal set; }

    /// <summary>Records read and matched.</summary>
    public long Events { get; internal set; }

    /// <summary>Indicator matches (an event that matches two indicators counts two).</summary>
    public long Hits { get; internal set; }

    /// <summary>Lines skipped, all reasons together.</summary>
    public long Skipped { get; private set; }

    /// <summary>Lines skipped for a reason.</summary>
    /// <param name="reason">The reason.</param>
    public long SkippedFor(SkipReason reason) => _skipped[(int)reason];

    /// <summary>The first skipped lines: line number (from 1) and reason.</summary>
    public IReadOnlyList<(long Line, SkipReason Reason)> FirstSkipped => _first;

    internal void Skip(SkipReason reason)
    {
        _skipped[(int)reason]++;
        Skipped++;
        if (_first.Count < KeptSkips)
        {
            _first.Add((Lines, reason));
        }
    }
}
