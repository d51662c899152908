namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// Finds the bindings of a pattern over a set of Observations (§9.5). Bindings are produced lazily, so that
/// evaluation stops at the first binding of the whole pattern, and de-duplicated; a budget bounds the work on
/// adversarial inputs (the problem is combinatorial: REPEATS chooses subsets).
/// </summary>
internal sealed class BindingSearch
{
    /// <summary>How many candidate bindings one evaluation may consider before it gives up.</summary>
    public const int Budget = 2_000_000;

    private readonly IReadOnlyList<Observation> _observations;
    private readonly Func<int, int, bool> _bracketMatches;
    private readonly long _copies;
    private int _work;

    /// <param name="observations">The observed data.</param>
    /// <param name="copies">How many Observations of one observed-data can matter (the pattern's largest binding).</param>
    /// <param name="bracketMatches">Whether bracket n matches observation i.</param>
    public BindingSearch(IReadOnlyList<Observation> observations, long copies, Func<int, int, bool> bracketMatches)
    {
        _observations = observations;
        _bracketMatches = bracketMatches;
        _copies = copies;
    }

    public IEnumerable<Binding> Singletons(int bracket)
    {
        for (var i = 0; i < _observations.Count; i++)
        {
            Spend();
            if (_bracketMatches(bracket, i))
            {
                yield return new Binding([i], _observations[i].FirstObserved, _observations[i].LastObserved);
            }
        }
    }

    /// <summary>OR: a binding of either side (one side is enough; binding both only removes options).</summary>
    public IEnumerable<Binding> Union(IEnumerable<Binding> left, IEnumerable<Binding> right)
    {
        var seen = new HashSet<Binding>();
        foreach (var binding in left.Concat(right))
        {
            Spend();
            if (seen.Add(binding))
            {
                yield return binding;
            }
        }
    }

    /// <summary>
    /// AND and FOLLOWEDBY: bindings of both sides on different Observations; FOLLOWEDBY also needs times that put
    /// every right-hand Observation at or after every left-hand one.
    /// </summary>
    public IEnumerable<Binding> Join(IEnumerable<Binding> left, IEnumerable<Binding> right, bool followedBy)
    {
        var cached = new LazyList<Binding>(right);
        var seen = new HashSet<Binding>();
        foreach (var a in left)
        {
            foreach (var b in cached.Items())
            {
                Spend();
                if ((!followedBy || a.MaxFirst <= b.MinLast) && Compatible(a, b) && a.Union(b) is var joined && seen.Add(joined))
                {
                    yield return joined;
                }
            }
        }
    }

    /// <summary>REPEATS n: n bindings on pairwise different Observations (§9.5.1: "a AND a …", n times).</summary>
    public IEnumerable<Binding> Repeat(IEnumerable<Binding> bindings, long count) =>
        count == 1 ? bindings : Choose(new LazyList<Binding>(bindings), 0, count, null, new HashSet<Binding>());

    /// <summary>
    /// WITHIN x SECONDS (§9.5.1): times can be chosen in each Observation's window so that the latest is less than
    /// x seconds after the earliest ("MUST NOT be equal to or later than").
    /// </summary>
    public static IEnumerable<Binding> Within(IEnumerable<Binding> bindings, double seconds)
    {
        var limit = seconds * TimeSpan.TicksPerSecond;
        return bindings.Where(b => (double)(b.MaxFirst.UtcDateTime.Ticks - b.MinLast.UtcDateTime.Ticks) < limit);
    }

    /// <summary>START x STOP y (§9.5.1): each Observation has a time t in its window with x ≤ t &lt; y.</summary>
    public static IEnumerable<Binding> StartStop(IEnumerable<Binding> bindings, StartStopQualifier qualifier)
    {
        if (qualifier.Start.Instant is not { } start || qualifier.Stop.Instant is not { } stop)
        {
            var bad = qualifier.Start.Instant is null ? qualifier.Start.Text : qualifier.Stop.Text;
            throw new EvaluationException($"'{bad}' after START or STOP names no instant (STIX 2.1 §9.5.1)");
        }

        return start < stop ? bindings.Where(b => b.MaxFirst < stop && b.MinLast >= start) : [];
    }

    /// <summary>Whether two bindings fit on different Observations: no observed-data used more times than it stands for.</summary>
    public bool Compatible(Binding a, Binding b)
    {
        var x = a.Members;
        var y = b.Members;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] < y[j])
            {
                i++;
            }
            else if (y[j] < x[i])
            {
                j++;
            }
            else
            {
                var index = x[i];
                var used = 0L;
                for (; i < x.Length && x[i] == index; i++)
                {
                    used++;
                }

                for (; j < y.Length && y[j] == index; j++)
                {
                    used++;
                }

                if (used > Math.Min(_observations[index].NumberObserved, _copies))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private IEnumerable<Binding> Choose(LazyList<Binding> bindings, int from, long remaining, Binding? chosen, HashSet<Binding> seen)
    {
        for (var i = from; bindings.TryGet(i, out var candidate); i++)
        {
            Spend();
            if (chosen is not null && !Compatible(chosen, candidate))
            {
                continue;
            }

            var union = chosen is null ? candidate : chosen.Union(candidate);
            if (remaining == 1)
            {
                if (seen.Add(union))
                {
                    yield return union;
                }

                continue;
            }

            // The same binding may be chosen again when its observed-data stand for enough Observations.
            foreach (var deeper in Choose(bindings, i, remaining - 1, union, seen))
            {
                yield return deeper;
            }
        }
    }

    private void Spend()
    {
        if (++_work > Budget)
        {
            throw new EvaluationException($"matching needs more than {Budget} steps on this data; the pattern is too costly to evaluate exactly here");
        }
    }
}
