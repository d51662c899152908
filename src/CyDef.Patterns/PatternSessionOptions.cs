namespace CyDef.Patterns;

/// <summary>Bounds on the state a <see cref="PatternMatcherSession"/> keeps.</summary>
public sealed class PatternSessionOptions
{
    /// <summary>
    /// The most observations kept for one pattern (default 1,024). A pattern whose window (WITHIN, START/STOP) does
    /// not bound its state, or whose window holds more than this, loses its oldest ones first; each loss is counted
    /// in <see cref="PatternMatcherSession.Dropped"/>, and a match that needed one is missed.
    /// </summary>
    public int MaxObservationsPerPattern { get; init; } = 1024;

    /// <summary>
    /// Every how many pushes the session sweeps the state of all patterns, not only of those the latest observation
    /// touched, for observations that fell out of their window and patterns removed from the matcher (default 4,096).
    /// </summary>
    public int SweepInterval { get; init; } = 4096;
}
