namespace CyDef.Patterns;

/// <summary>The result of evaluating a pattern against observed data.</summary>
public enum PatternOutcome : byte
{
    /// <summary>No set of Observations satisfies the pattern.</summary>
    NoMatch,
    /// <summary>Some set of Observations satisfies the pattern.</summary>
    Match,
    /// <summary>
    /// The data cannot be evaluated as the pattern asks: e.g. a timestamp constant compared with a value that is no
    /// timestamp, or a search beyond the evaluator's budget. See <see cref="PatternEvaluation.Error"/>.
    /// </summary>
    Error,
}
