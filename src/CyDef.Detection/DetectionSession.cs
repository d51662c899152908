using CyDef.Detection.Index;
using CyDef.Detection.Readers;
using CyDef.Detection.Sightings;
using CyDef.Patterns;

namespace CyDef.Detection;

/// <summary>
/// One sensor stream matched against an <see cref="IndicatorIndex"/>: lines read by the format's reader into a
/// reused event, matched, and the hits counted into sightings. Lines longer than <see cref="MaxLineBytes"/> are
/// skipped (the reader then resynchronises at the next line break); every skipped line is counted with its reason and
/// the stream goes on. Lines that arrive together (<see cref="ProcessLines"/>, and each read of <see cref="Process"/>
/// and <see cref="ProcessAsync"/>) are matched in batches of up to <see cref="BatchLines"/> under one take of the
/// index's read locks, and their hits handed on when the batch ends. Use from one thread; several sessions may share
/// one index.
/// </summary>
public sealed class DetectionSession
{
    /// <summary>The longest line read; longer ones are skipped as <see cref="SkipReason.TooLong"/>.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>At most this many lines are matched under one take of the index's read locks (a change to the index waits for at most that many).</summary>
    public const int BatchLines = 256;

    /// <summary>
    /// In a batch, events are read this many at a time and then matched together (see
    /// <see cref="IndicatorIndex.MatchManyLocked"/>): the exact-value filter's cache misses of all of them overlap.
    /// </summary>
    private const int EventsPerMatch = 8;

    /// <summary>How far ahead of the line being read the stream is prefetched, and how much of it per line.</summary>
    private const int PrefetchDistance = 2048, PrefetchBytes = 640;

    private readonly IndicatorIndex _index;
    private readonly SensorRecordReader _reader;
    private readonly SensorEvent[] _events = [.. Enumerable.Range(0, EventsPerMatch).Select(_ => new SensorEvent())];
    private readonly List<Hit>[] _eventHits = [.. Enumerable.Range(0, EventsPerMatch).Select(_ => new List<Hit>())];
    private readonly MatchScratch _scratch;
    private int _queued; // events read in the current batch and not yet matched
    private readonly List<(Hit Hit, long Ticks)> _pending = [];
    private int _batched = -1; // events matched in the current batch; -1 outside a batch

    /// <summary>Creates a session.</summary>
    /// <param name="index">The indicators.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="sightings">Where hits are counted (one per stream, or locked by the caller through <paramref name="onHit"/>).</param>
    /// <param name="clock">The clock for CEF records without a time.</param>
    /// <param name="sessionOptions">Bounds on the state kept for temporal patterns.</param>
    /// <param name="onHit">Called for each hit instead of counting into <paramref name="sightings"/> directly, when set.</param>
    public DetectionSession(IndicatorIndex index, SensorFormat format, SightingAggregator sightings, TimeProvider? clock = null,
        PatternSessionOptions? sessionOptions = null, Action<Hit, long>? onHit = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(sightings);
        _index = index;
        _reader = SensorRecordReader.For(format, clock);
        _scratch = new MatchScratch(index, sessionOptions);
        OnHit = onHit ?? sightings.Add;
        Sightings = sightings;
    }

    /// <summary>The counts so far.</summary>
    public DetectionStats Stats { get; } = new();

    /// <summary>The sightings so far.</summary>
    public SightingAggregator Sightings { get; }

    private Action<Hit, long> OnHit { get; }

    /// <summary>Reads and matches one line (without its line break).</summary>
    /// <param name="line">UTF-8.</param>
    /// <returns>What the reader made of it.</returns>
    public LineResult ProcessLine(ReadOnlySpan<byte> line)
    {
        Stats.Lines++;
        var e = _events[_queued];
        var result = _reader.Read(line, e, out var reason);
        if (result == LineResult.Skipped)
        {
            Stats.Skip(reason);
            return result;
        }

        if (result == LineResult.Event)
        {
            Stats.Events++;
            if (_batched < 0)
            {
                _index.Match(e, _scratch, _eventHits[0]);
                Deliver(e, _eventHits[0]);
            }
            else
            {
                // Its filter lookups start now and complete while the next events are read.
                _index.GatherLocked(e, _scratch);
                if (++_queued < EventsPerMatch)
                {
                    return result;
                }

                MatchQueued();
                if (_batched >= BatchLines)
                {
                    // Lets a waiting change to the index in before the next batch.
                    EndBatch();
                    BeginBatch();
                }
            }
        }

        return result;
    }

    /// <summary>Reads and matches every line of a block of lines (each ending at a line feed, the last one may not).</summary>
    /// <param name="lines">UTF-8.</param>
    public void ProcessLines(ReadOnlySpan<byte> lines)
    {
        BeginBatch();
        try
        {
            while (!lines.IsEmpty)
            {
                Prefetch(lines);
                var end = lines.IndexOf((byte)'\n');
                var line = end < 0 ? lines : lines[..end];
                if (line.Length > MaxLineBytes)
                {
                    SkipTooLong();
                }
                else
                {
                    ProcessLine(LineFramer.TrimCr(line));
                }

                lines = end < 0 ? default : lines[(end + 1)..];
            }
        }
        finally
        {
            EndBatch();
        }
    }

    /// <summary>
    /// Asks the core for the bytes <see cref="PrefetchDistance"/> ahead of the line starting <paramref name="rest"/>,
    /// as many as it holds (a typical line's worth): the stream then arrives in the cache ahead of the reader, across
    /// the page boundaries where the core's own prefetcher stops.
    /// </summary>
    private static unsafe void Prefetch(ReadOnlySpan<byte> rest)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported || rest.Length <= PrefetchDistance + PrefetchBytes)
        {
            return;
        }

        fixed (byte* start = rest)
        {
            for (var at = PrefetchDistance; at < PrefetchDistance + PrefetchBytes; at += 64)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(start + at);
            }
        }
    }

    /// <summary>Starts matching lines under one take of the read locks, until <see cref="EndBatch"/>.</summary>
    internal void BeginBatch()
    {
        _index.EnterRead(_scratch);
        _batched = 0;
    }

    /// <summary>Matches the events read so far, releases the read locks and hands on the batch's hits.</summary>
    internal void EndBatch()
    {
        if (_batched < 0)
        {
            return;
        }

        try
        {
            MatchQueued();
        }
        finally
        {
            _batched = -1;
            _index.ExitRead(_scratch);
        }

        try
        {
            foreach (var (hit, ticks) in _pending)
            {
                OnHit(hit, ticks);
            }
        }
        finally
        {
            _pending.Clear();
        }
    }

    /// <summary>Matches the events queued in the batch, together, and keeps their hits for the batch's end.</summary>
    private void MatchQueued()
    {
        if (_queued == 0)
        {
            return;
        }

        var count = _queued;
        _queued = 0;
        _index.MatchManyLocked(_events.AsSpan(0, count), _scratch, _eventHits);
        for (var i = 0; i < count; i++)
        {
            foreach (var hit in _eventHits[i])
            {
                Stats.Hits++;
                _pending.Add((hit, _events[i].Ticks));
            }
        }

        _batched += count;
    }

    private void Deliver(SensorEvent e, List<Hit> hits)
    {
        foreach (var hit in hits)
        {
            Stats.Hits++;
            OnHit(hit, e.Ticks);
        }
    }

    /// <summary>Reads a whole stream of lines.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Stops between reads.</param>
    public async Task ProcessAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var framer = new LineFramer(MaxLineBytes);
        int read;
        while ((read = await input.ReadAsync(framer.Free, cancellationToken).ConfigureAwait(false)) > 0)
        {
            framer.Commit(read, this);
        }

        framer.Finish(this);
    }

    /// <summary>Reads a whole stream of lines, synchronously.</summary>
    /// <param name="input">The input.</param>
    public void Process(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var framer = new LineFramer(MaxLineBytes);
        int read;
        while ((read = input.Read(framer.Free.Span)) > 0)
        {
            framer.Commit(read, this);
        }

        framer.Finish(this);
    }

    /// <summary>A line that did not fit counts as one skipped line.</summary>
    internal void SkipTooLong()
    {
        Stats.Lines++;
        Stats.Skip(SkipReason.TooLong);
    }
}
