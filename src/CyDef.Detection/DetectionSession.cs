using CyDef.Detection.Index;
using CyDef.Detection.Readers;
using CyDef.Detection.Sightings;
using CyDef.Patterns;

namespace CyDef.Detection;

/// <summary>
/// One sensor stream matched against an <see cref="IndicatorIndex"/>: lines read by the format's reader into a
/// reused event, matched, and the hits counted into sightings. Lines longer than <see cref="MaxLineBytes"/> are
/// skipped (the reader then resynchronises at the next line break); every skipped line is counted with its reason and
/// the stream goes on. Use from one thread; several sessions may share one index.
/// </summary>
public sealed class DetectionSession
{
    /// <summary>The longest line read; longer ones are skipped as <see cref="SkipReason.TooLong"/>.</summary>
    public const int MaxLineBytes = 1 << 20;

    private readonly IndicatorIndex _index;
    private readonly SensorRecordReader _reader;
    private readonly SensorEvent _event = new();
    private readonly MatchScratch _scratch;
    private readonly List<Hit> _hits = [];

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
        var result = _reader.Read(line, _event, out var reason);
        if (result == LineResult.Skipped)
        {
            Stats.Skip(reason);
            return result;
        }

        if (result == LineResult.Event)
        {
            Stats.Events++;
            _index.Match(_event, _scratch, _hits);
            foreach (var hit in _hits)
            {
                Stats.Hits++;
                OnHit(hit, _event.Ticks);
            }
        }

        return result;
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
