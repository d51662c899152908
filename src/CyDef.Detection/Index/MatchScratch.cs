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

    /// <summary>Room for every value of <paramref name="events"/> events (each value is probed once, on its one or two paths).</summary>
    public ExactProbe[] ProbesFor(int events)
    {
        if (_probes.Length < events * SensorEvent.MaxValues)
        {
            _probes = new ExactProbe[events * SensorEvent.MaxValues];
        }

        return _probes;
    }

    public PatternMatcherProbe Probe { get; } = new(index.Patterns, KnownPaths.Types, KnownPaths.Paths);

    public PatternMatcherSession Session { get; } = index.Patterns.CreateSession(options);

    public List<PatternMatch> Matches { get; } = [];
}
