namespace CyDef.Patterns;

/// <summary>What <see cref="PatternEvaluator.Evaluate"/> found.</summary>
public sealed class PatternEvaluation
{
    private PatternEvaluation(PatternOutcome outcome, IReadOnlyList<Observation> bound, string? error)
    {
        Outcome = outcome;
        Bound = bound;
        Error = error;
    }

    /// <summary>Match, no match, or an evaluation error.</summary>
    public PatternOutcome Outcome { get; }

    /// <summary>Whether the pattern matched.</summary>
    public bool IsMatch => Outcome == PatternOutcome.Match;

    /// <summary>The observed data of one binding that satisfies the pattern, in input order; empty unless matched.</summary>
    public IReadOnlyList<Observation> Bound { get; }

    /// <summary>Why evaluation failed, when <see cref="Outcome"/> is <see cref="PatternOutcome.Error"/>.</summary>
    public string? Error { get; }

    internal static PatternEvaluation NoMatch { get; } = new(PatternOutcome.NoMatch, [], null);

    internal static PatternEvaluation Matched(IReadOnlyList<Observation> bound) => new(PatternOutcome.Match, bound, null);

    internal static PatternEvaluation Failed(string error) => new(PatternOutcome.Error, [], error);

    /// <summary><c>match</c>, <c>no match</c> or <c>error: …</c>.</summary>
    public override string ToString() => Outcome switch
    {
        PatternOutcome.Match => "match",
        PatternOutcome.NoMatch => "no match",
        _ => "error: " + Error,
    };
}
