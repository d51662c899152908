namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>An observation expression prepared for evaluation: the bindings it admits over a set of Observations.</summary>
internal abstract class ObservationNode
{
    /// <summary>The most Observations one binding can use; copies of one observed-data beyond it never matter.</summary>
    public abstract long MaxBindingSize { get; }

    public abstract IEnumerable<Binding> Bindings(BindingSearch search);

    public static ObservationNode Create(ObservationExpression expression, List<ComparisonNode> brackets) => expression switch
    {
        BracketedObservation b => new BracketNode(Add(brackets, ComparisonNode.Create(b.Comparison))),
        CompositeObservation c => new OperatorNode(c.Operator, [.. c.Operands.Select(o => Create(o, brackets))]),
        QualifiedObservation q => new QualifiedNode(Create(q.Expression, brackets), [.. q.Qualifiers]),
        _ => throw new InvalidOperationException("unknown observation expression " + expression.GetType().Name),
    };

    private static int Add(List<ComparisonNode> brackets, ComparisonNode node)
    {
        brackets.Add(node);
        return brackets.Count - 1;
    }

    protected static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    protected static long SaturatingMultiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}

/// <summary>[…]: one Observation whose SCOs satisfy the comparison expression.</summary>
internal sealed class BracketNode(int bracket) : ObservationNode
{
    public int Bracket { get; } = bracket;

    public override long MaxBindingSize => 1;

    public override IEnumerable<Binding> Bindings(BindingSearch search) => search.Singletons(Bracket);
}

/// <summary>AND, OR, FOLLOWEDBY over two or more operands, left to right (§9.5.2).</summary>
internal sealed class OperatorNode(ObservationOperator op, ObservationNode[] operands) : ObservationNode
{
    public ObservationOperator Operator { get; } = op;

    public IReadOnlyList<ObservationNode> Operands { get; } = operands;

    public override long MaxBindingSize =>
        Operator == ObservationOperator.Or ? operands.Max(o => o.MaxBindingSize) : operands.Aggregate(0L, (sum, o) => SaturatingAdd(sum, o.MaxBindingSize));

    public override IEnumerable<Binding> Bindings(BindingSearch search)
    {
        var result = operands[0].Bindings(search);
        for (var i = 1; i < operands.Length; i++)
        {
            var right = operands[i].Bindings(search);
            result = Operator switch
            {
                ObservationOperator.Or => search.Union(result, right),
                ObservationOperator.And => search.Join(result, right, followedBy: false),
                _ => search.Join(result, right, followedBy: true),
            };
        }

        return result;
    }
}

/// <summary>An observation expression with REPEATS, WITHIN and START/STOP applied in the order written (§9.5.1).</summary>
internal sealed class QualifiedNode(ObservationNode inner, Qualifier[] qualifiers) : ObservationNode
{
    public ObservationNode Inner { get; } = inner;

    public IReadOnlyList<Qualifier> Qualifiers { get; } = qualifiers;

    public override long MaxBindingSize => qualifiers.OfType<RepeatsQualifier>().Aggregate(Inner.MaxBindingSize, (size, r) => SaturatingMultiply(size, r.Count));

    public override IEnumerable<Binding> Bindings(BindingSearch search)
    {
        var bindings = Inner.Bindings(search);
        foreach (var qualifier in qualifiers)
        {
            bindings = qualifier switch
            {
                RepeatsQualifier r => search.Repeat(bindings, r.Count),
                WithinQualifier w => BindingSearch.Within(bindings, w.Seconds),
                StartStopQualifier s => BindingSearch.StartStop(bindings, s),
                _ => throw new InvalidOperationException("unknown qualifier " + qualifier.GetType().Name),
            };
        }

        return bindings;
    }
}
