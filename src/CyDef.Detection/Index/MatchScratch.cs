using CyDef.Patterns;

namespace CyDef.Detection.Index;

/// <summary>One stream's working space for matching, reused for every event; and its pattern session (temporal state).</summary>
internal sealed class MatchScratch(IndicatorIndex index, PatternSessionOptions? options)
{
    public List<int> Slots { get; } = [];

    private ExactProbe[] _probes = new ExactProbe[SensorEvent.MaxValues * 2];

    /// <summary>One event and its hits, for matching one event through the code that matches several.</summary>
    public SensorEvent[] One { get; } = new SensorEvent[1];

    public List<Hit>[] OneHits { get; } = new List<Hit>[1];

    /// <summary>
    /// The exact-value probes gathered so far for the events about to be matched together: those of events 0 to
    /// <see cref="GatheredEvents"/> - 1, <see cref="GatheredProbes"/> of them.
    /// </summary>
    public ExactProbe[] Probes => _probes;

    public int GatheredEvents { get; set; }

    public int GatheredProbes { get; set; }

    /// <summary>Room for one more event's values (each value is probed once, on its one or two paths), keeping the probes gathered.</summary>
    public ExactProbe[] ProbesForOneMore()
    {
        if (_probes.Length < GatheredProbes + SensorEvent.MaxValues)
        {
            Array.Resize(ref _probes, Math.Max(_probes.Length * 2, GatheredProbes + SensorEvent.MaxValues));
        }

        return _probes;
    }

    public PatternMatcherProbe Probe { get; } = new(index.Patterns, KnownPaths.Types, KnownPaths.Paths);

    public PatternMatcherSession Session { get; } = index.Patterns.CreateSession(options);

    public List<PatternMatch> Matches { get; } = [];
}
