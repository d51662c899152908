using CyDef.Patterns.Internal.Evaluation;

namespace CyDef.Patterns;

/// <summary>
/// Evaluates one pattern exactly as STIX 2.1 §9 says against a set of observed data: each observation expression
/// is bound to a different Observation (an observed-data object counts <c>number_observed</c> times), the
/// comparisons of one observation expression start from one SCO, and REPEATS, WITHIN, START/STOP and FOLLOWEDBY
/// are judged on <c>first_observed</c>/<c>last_observed</c>. Immutable and safe to share between threads.
/// </summary>
public sealed class PatternEvaluator
{
    private readonly ObservationNode _root;
    private readonly ComparisonNode[] _brackets;
    private readonly long _maxBindingSize;

    /// <summary>Prepares <paramref name="pattern"/> for evaluation.</summary>
    /// <param name="pattern">A parsed pattern.</param>
    public PatternEvaluator(Pattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        var brackets = new List<ComparisonNode>();
        _root = ObservationNode.Create(pattern.Expression, brackets);
        _brackets = [.. brackets];
        _maxBindingSize = _root.MaxBindingSize;
    }

    /// <summary>The pattern.</summary>
    public Pattern Pattern { get; }

    internal IReadOnlyList<ComparisonNode> Brackets => _brackets;

    internal ObservationNode Root => _root;

    /// <summary>Evaluates the pattern against observed data.</summary>
    /// <param name="observations">The observations (from <see cref="ObservedDataReader"/>).</param>
    /// <returns>Match (with the observed data of one binding), no match, or why the data cannot be evaluated.</returns>
    public PatternEvaluation Evaluate(IReadOnlyList<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        try
        {
            return Search(observations, (bracket, index) => BracketMatches(bracket, observations[index]));
        }
        catch (EvaluationException e)
        {
            return PatternEvaluation.Failed(e.Message);
        }
    }

    /// <summary>Whether bracketed observation expression <paramref name="bracket"/> matches <paramref name="observation"/>.</summary>
    internal bool BracketMatches(int bracket, Observation observation)
    {
        var node = _brackets[bracket];
        foreach (var pair in observation.Objects)
        {
            if (pair.Value["type"]?.AsString() is { } type && node.Matches(pair.Value, type, observation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The binding search, with bracket results from elsewhere (the compiled matcher's indexes).</summary>
    /// <param name="observations">The observed data.</param>
    /// <param name="bracketMatches">Whether bracket n matches observation i.</param>
    /// <param name="mustInclude">When not negative: only a binding that uses this observation counts (a match that
    /// completes with it, in a stream).</param>
    internal PatternEvaluation Search(IReadOnlyList<Observation> observations, Func<int, int, bool> bracketMatches, int mustInclude = -1)
    {
        var search = new BindingSearch(observations, _maxBindingSize, bracketMatches);
        var first = mustInclude < 0
            ? _root.Bindings(search).FirstOrDefault()
            : _root.Bindings(search).FirstOrDefault(b => Array.IndexOf(b.Members, mustInclude) >= 0);
        if (first is null)
        {
            return PatternEvaluation.NoMatch;
        }

        var used = first.Members.Distinct().Select(i => observations[i]).ToList();
        return PatternEvaluation.Matched(used);
    }
}
