using CyDef.Patterns.Internal.Evaluation;
using CyDef.Stix;

namespace CyDef.Patterns;

/// <summary>
/// A stream of observations matched against a <see cref="PatternMatcher"/>'s patterns with state kept between
/// them: push observations one by one in time order (<c>first_observed</c> not decreasing) and get the patterns
/// whose match completes with each, with the observed data that bound it.
/// <para>
/// A pattern is reported for an observation when, over all observations pushed so far, it has a binding (§9.5)
/// that uses that observation — exactly what <see cref="PatternEvaluator"/> would find over the accumulated set,
/// with three limits: for each pattern the session keeps only the observations that satisfied one of its bracketed
/// expressions and can still take part in a binding with a later observation (its WITHIN window, or its START/STOP
/// on the whole pattern: older ones are evicted, counted in <see cref="Evicted"/>); at most
/// <see cref="PatternSessionOptions.MaxObservationsPerPattern"/> of them (the oldest beyond that are dropped,
/// counted in <see cref="Dropped"/>); and an observation on which a comparison fails to evaluate (a string
/// compared with a timestamp that is not one, a regular expression that runs too long) is taken as not satisfying
/// it, counted in <see cref="Errors"/>, where the evaluator would return an error for the whole set. An
/// observation that starts before an earlier one is still matched, against what is kept, and counted in
/// <see cref="Late"/>: matches with observations already evicted are then missed.
/// </para>
/// <para>A pattern with a single bracketed expression and no qualifier keeps no state. Not safe for concurrent
/// use: one session per stream; many sessions can share one matcher, which may change while they run.</para>
/// </summary>
public sealed class PatternMatcherSession
{
    private readonly PatternMatcher _matcher;
    private readonly PatternSessionOptions _options;
    private readonly Dictionary<PatternMatcher.Entry, PatternState> _states = new(ReferenceEqualityComparer.Instance);
    private StixTimestamp? _now;
    private long _pushes;

    internal PatternMatcherSession(PatternMatcher matcher, PatternSessionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxObservationsPerPattern, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SweepInterval, 1);
        _matcher = matcher;
        _options = options;
    }

    /// <summary>Observations evicted because they fell out of a pattern's window (each pattern's copy counts once).</summary>
    public long Evicted { get; private set; }

    /// <summary>Observations dropped from a pattern's state because it held <see cref="PatternSessionOptions.MaxObservationsPerPattern"/>.</summary>
    public long Dropped { get; private set; }

    /// <summary>Comparisons or searches that failed to evaluate (see the class remarks).</summary>
    public long Errors { get; private set; }

    /// <summary>Observations pushed with a <c>first_observed</c> before that of an earlier one.</summary>
    public long Late { get; private set; }

    /// <summary>How many observations the session keeps in all (an observation kept for two patterns counts twice).</summary>
    public int Retained => _states.Values.Sum(s => s.Observations.Count);

    /// <summary>Pushes the next observation and returns the patterns whose match completes with it.</summary>
    /// <param name="observation">The observation; <c>first_observed</c> should not be before the previous one's.</param>
    /// <returns>The matches, in no particular order.</returns>
    public IReadOnlyList<PatternMatch> Push(Observation observation)
    {
        var results = new List<PatternMatch>();
        Push(observation, results);
        return results;
    }

    /// <summary>Pushes the next observation and adds to <paramref name="results"/> the patterns whose match completes with it.</summary>
    /// <param name="observation">The observation; <c>first_observed</c> should not be before the previous one's.</param>
    /// <param name="results">Receives the matches.</param>
    public void Push(Observation observation, List<PatternMatch> results)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(results);
        if (_now is { } now && observation.FirstObserved < now)
        {
            Late++;
        }
        else
        {
            _now = observation.FirstObserved;
        }

        var scratch = _matcher.ThreadScratch;
        var sweep = ++_pushes % _options.SweepInterval == 0;
        _matcher.Lock.EnterReadLock();
        try
        {
            scratch.Patterns.Clear();
            scratch.Fallback.Clear();
            _matcher.Verify(observation, scratch);
            foreach (var entry in scratch.Patterns)
            {
                Advance(entry, observation, scratch, results);
            }

            if (sweep)
            {
                Sweep();
            }
        }
        finally
        {
            _matcher.Lock.ExitReadLock();
        }
    }

    private void Advance(PatternMatcher.Entry entry, Observation observation, PatternMatcher.Scratch scratch, List<PatternMatch> results)
    {
        if (scratch.Fallback.Contains(entry))
        {
            // One of its brackets failed to evaluate on this observation: taken as not satisfied (see remarks).
            Errors++;
        }

        var verified = new bool[entry.BracketCount];
        var any = false;
        for (var local = 0; local < verified.Length; local++)
        {
            any |= verified[local] = scratch.Verified.Contains(entry.FirstBracket + local);
        }

        if (!any)
        {
            return;
        }

        if (entry.IsSingle)
        {
            results.Add(new PatternMatch(entry.Id, [observation]));
            return;
        }

        var horizon = entry.Horizon;
        if (!horizon.Admits(observation))
        {
            return;
        }

        if (!_states.TryGetValue(entry, out var state))
        {
            _states[entry] = state = new PatternState();
        }

        Evict(entry, state);
        state.Observations.Add(observation);
        state.Verified.Add(verified);
        if (state.Observations.Count > _options.MaxObservationsPerPattern)
        {
            state.Observations.RemoveAt(0);
            state.Verified.RemoveAt(0);
            Dropped++;
        }

        // The search sees the new observation first, so that the bindings it enumerates first are those that use it
        // (REPEATS over many kept observations would otherwise go through the combinations of the old ones first).
        var view = new NewestFirst(state.Observations);
        PatternEvaluation found;
        try
        {
            found = entry.Evaluator.Search(view, (bracket, index) => state.Verified[view.Position(index)][bracket], mustInclude: 0);
        }
        catch (EvaluationException)
        {
            Errors++;
            return;
        }

        if (found.IsMatch)
        {
            var bound = found.Bound.ToList();
            bound.Sort((a, b) => state.Observations.IndexOf(a).CompareTo(state.Observations.IndexOf(b)));
            results.Add(new PatternMatch(entry.Id, bound));
        }
    }

    /// <summary>Removes the observations that can no longer share a binding with one that starts now.</summary>
    private void Evict(PatternMatcher.Entry entry, PatternState state)
    {
        if (!entry.Horizon.IsBounded || _now is not { } now)
        {
            return;
        }

        var kept = 0;
        for (var i = 0; i < state.Observations.Count; i++)
        {
            if (entry.Horizon.Reaches(state.Observations[i].LastObserved, now))
            {
                state.Observations[kept] = state.Observations[i];
                state.Verified[kept] = state.Verified[i];
                kept++;
            }
        }

        Evicted += state.Observations.Count - kept;
        state.Observations.RemoveRange(kept, state.Observations.Count - kept);
        state.Verified.RemoveRange(kept, state.Verified.Count - kept);
    }

    private void Sweep()
    {
        List<PatternMatcher.Entry>? empty = null;
        foreach (var (entry, state) in _states)
        {
            if (!_matcher.IsCurrent(entry))
            {
                state.Observations.Clear();
            }
            else
            {
                Evict(entry, state);
            }

            if (state.Observations.Count == 0)
            {
                (empty ??= []).Add(entry);
            }
        }

        foreach (var entry in empty ?? [])
        {
            _states.Remove(entry);
        }
    }

    /// <summary>The kept observations with the latest first, then the others in the order they came.</summary>
    private sealed class NewestFirst(List<Observation> observations) : IReadOnlyList<Observation>
    {
        public int Count => observations.Count;

        public Observation this[int index] => observations[Position(index)];

        /// <summary>Where the observation at <paramref name="index"/> of this view is in the kept list.</summary>
        public int Position(int index) => index == 0 ? observations.Count - 1 : index - 1;

        public IEnumerator<Observation> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>What one pattern keeps: the observations that satisfied one of its brackets, and which ones.</summary>
    private sealed class PatternState
    {
        public List<Observation> Observations { get; } = [];

        public List<bool[]> Verified { get; } = [];
    }
}
