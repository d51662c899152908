using CyDef.Stix;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// How far apart in time the Observations of one binding of a pattern can lie, which is what a stream must keep
/// of the past: every binding has <c>max(first_observed) − min(last_observed)</c> below <see cref="Ticks"/>
/// (<see cref="Strict"/>) or at most <see cref="Ticks"/>; infinite when no WITHIN bounds it. A START/STOP on the
/// whole pattern adds an absolute window (<see cref="Start"/>, <see cref="Stop"/>) outside which no Observation
/// can take part.
/// </summary>
internal readonly record struct Horizon(double Ticks, bool Strict, StixTimestamp? Start, StixTimestamp? Stop)
{
    public static Horizon Unbounded => new(double.PositiveInfinity, true, null, null);

    public bool IsBounded => !double.IsPositiveInfinity(Ticks);

    /// <summary>The horizon of a pattern's observation expression.</summary>
    public static Horizon Of(ObservationNode root)
    {
        var horizon = Relative(root);
        // A qualifier appears at most once on an expression. One that names no instant fails in the search itself.
        if (root is QualifiedNode qualified && qualified.Qualifiers.OfType<StartStopQualifier>().FirstOrDefault() is
            { Start.Instant: { } start, Stop.Instant: { } stop })
        {
            horizon = horizon with { Start = start, Stop = stop };
        }

        return horizon;
    }

    /// <summary>
    /// Whether an Observation that ended at <paramref name="last"/> can share a binding with any Observation that
    /// starts at or after <paramref name="now"/>.
    /// </summary>
    public bool Reaches(StixTimestamp last, StixTimestamp now)
    {
        if (!IsBounded)
        {
            return true;
        }

        var gap = (double)(now.UtcDateTime.Ticks - last.UtcDateTime.Ticks);
        return Strict ? gap < Ticks : gap <= Ticks;
    }

    /// <summary>Whether an Observation lies where a START/STOP on the whole pattern lets it take part (§9.5.1).</summary>
    public bool Admits(Observation observation) => Start is not { } start || Stop is not { } stop
        || (start < stop && observation.LastObserved >= start && observation.FirstObserved < stop);

    private static Horizon Relative(ObservationNode node) => node switch
    {
        // A binding of one bracket is one Observation: nothing before it can join it.
        BracketNode => new Horizon(0, false, null, null),
        OperatorNode { Operator: ObservationOperator.Or } or => or.Operands.Select(Relative).Aggregate(Max),
        OperatorNode => Unbounded,
        QualifiedNode qualified => qualified.Qualifiers.Aggregate(Relative(qualified.Inner), (horizon, qualifier) => qualifier switch
        {
            WithinQualifier within => Min(horizon, new Horizon(within.Seconds * TimeSpan.TicksPerSecond, true, null, null)),
            RepeatsQualifier { Count: 1 } => horizon,
            RepeatsQualifier => Unbounded,
            _ => horizon,
        }),
        _ => Unbounded,
    };

    private static Horizon Max(Horizon a, Horizon b) =>
        a.Ticks > b.Ticks || (a.Ticks == b.Ticks && !a.Strict) ? a : b;

    private static Horizon Min(Horizon a, Horizon b) =>
        a.Ticks < b.Ticks || (a.Ticks == b.Ticks && a.Strict) ? a : b;
}
