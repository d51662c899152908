using CyDef.Patterns.Internal.Evaluation;

namespace CyDef.Patterns;

public sealed partial class PatternMatcher
{
    /// <summary>The patterns that match one Observation on its own.</summary>
    /// <param name="observation">The observation.</param>
    /// <returns>The identifiers of the matching patterns, in no particular order.</returns>
    public IReadOnlyList<string> Match(Observation observation)
    {
        var results = new List<string>();
        Match(observation, results);
        return results;
    }

    /// <summary>Adds to <paramref name="results"/> the patterns that match one Observation on its own (no allocation per call).</summary>
    /// <param name="observation">The observation.</param>
    /// <param name="results">Receives the identifiers of the matching patterns.</param>
    public void Match(Observation observation, List<string> results)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(results);
        var scratch = t_scratch ??= new Scratch();
        _lock.EnterReadLock();
        try
        {
            scratch.Patterns.Clear();
            scratch.Fallback.Clear();
            Verify(observation, scratch);
            IReadOnlyList<Observation>? one = null;
            foreach (var entry in scratch.Patterns)
            {
                if ((entry.IsSingle && scratch.Fallback.Count == 0)
                    || Decide(entry, one ??= [observation], (bracket, _) => scratch.Verified.Contains(entry.FirstBracket + bracket), scratch))
                {
                    results.Add(entry.Id);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The patterns that match a set of observed data: exactly those for which
    /// <see cref="PatternEvaluator.Evaluate"/> on its own finds a match.
    /// </summary>
    /// <param name="observations">The observations.</param>
    /// <returns>The identifiers of the matching patterns, in no particular order.</returns>
    public IReadOnlyList<string> Match(IReadOnlyList<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var scratch = t_scratch ??= new Scratch();
        var hits = new Dictionary<int, HashSet<int>>();
        _lock.EnterReadLock();
        try
        {
            scratch.Patterns.Clear();
            scratch.Fallback.Clear();
            for (var i = 0; i < observations.Count; i++)
            {
                Verify(observations[i], scratch);
                foreach (var bracket in scratch.Verified.Items)
                {
                    if (!hits.TryGetValue(bracket, out var set))
                    {
                        hits[bracket] = set = [];
                    }

                    set.Add(i);
                }
            }

            var results = new List<string>();
            foreach (var entry in scratch.Patterns)
            {
                if (Decide(entry, observations, (bracket, index) => hits.TryGetValue(entry.FirstBracket + bracket, out var set) && set.Contains(index), scratch))
                {
                    results.Add(entry.Id);
                }
            }

            return results;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Finds the brackets the observation satisfies (index lookups, then exact verification).</summary>
    internal void Verify(Observation observation, Scratch scratch)
    {
        var candidates = scratch.Candidates;
        candidates.Clear();
        scratch.Verified.Clear();
        foreach (var pair in observation.Objects)
        {
            if (pair.Value["type"]?.AsString() is not { } type)
            {
                continue;
            }

            if (_slotsByType.TryGetValue(type, out var slots))
            {
                foreach (var slot in slots)
                {
                    if (slot.Count > 0)
                    {
                        slot.Collect(pair.Value, observation, scratch.Collector, candidates);
                    }
                }
            }

            if (_byType.TryGetValue(type, out var bag))
            {
                candidates.AddRange(bag.Items);
            }
        }

        candidates.AddRange(_unindexed.Items);

        foreach (var bracket in candidates.Items)
        {
            if (_brackets[bracket] is not var (entry, local))
            {
                continue;
            }

            bool matches;
            try
            {
                matches = entry.Evaluator.BracketMatches(local, observation);
            }
            catch (EvaluationException)
            {
                // The evaluator may fail on this data, or find its answer before reaching it: it decides alone.
                scratch.Patterns.Add(entry);
                scratch.Fallback.Add(entry);
                continue;
            }

            if (matches)
            {
                scratch.Verified.Add(bracket);
                scratch.Patterns.Add(entry);
            }
        }
    }

    /// <summary>The observation-level search of a pattern with more than one bracket or with qualifiers.</summary>
    private static bool Decide(Entry entry, IReadOnlyList<Observation> observations, Func<int, int, bool> bracketMatches, Scratch scratch)
    {
        if (scratch.Fallback.Contains(entry))
        {
            return entry.Evaluator.Evaluate(observations).IsMatch;
        }

        if (entry.IsSingle)
        {
            return true;
        }

        try
        {
            return entry.Evaluator.Search(observations, bracketMatches).IsMatch;
        }
        catch (EvaluationException)
        {
            return false;
        }
    }
}
