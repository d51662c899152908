namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// The data cannot be evaluated as the pattern asks (a timestamp constant compared with a string that is no
/// timestamp, a regular expression that ran out of time, a search beyond its budget). Caught at the top of
/// <see cref="PatternEvaluator.Evaluate"/> and turned into <see cref="PatternOutcome.Error"/>.
/// </summary>
internal sealed class EvaluationException(string message) : Exception(message);
