using CyDef.Patterns;

namespace CyDef.Detection.Index;

/// <summary>One stream's working space for matching, reused for every event; and its pattern session (temporal state).</summary>
internal sealed class MatchScratch(IndicatorIndex index, PatternSessionOptions? options)
{
    public List<int> Slots { get; } = [];

    /// <summary>Room for every value of an event on each of its (at most two) paths.</summary>
    public ExactProbe[] Probes { get; } = new ExactProbe[SensorEvent.MaxValues * 2];

    public PatternMatcherProbe Probe { get; } = new(index.Patterns, KnownPaths.Types, KnownPaths.Paths);

    public PatternMatcherSession Session { get; } = index.Patterns.CreateSession(options);

    public List<PatternMatch> Matches { get; } = [];
}
