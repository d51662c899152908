using CyDef.Stix.Json;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// A comparison expression prepared for evaluation against one SCO (§9.5: every comparison of an observation
/// expression starts from the same SCO). A path on another type than the SCO's selects nothing, so its comparison
/// is false (§9.6), <c>NOT</c> included.
/// </summary>
internal abstract class ComparisonNode
{
    public abstract bool Matches(StixValue sco, string type, Observation observation);

    public static ComparisonNode Create(ComparisonExpression expression) => expression switch
    {
        PropertyComparison p => new LeafNode(p.Path, ValueTest.Create(p), false),
        ExistsComparison e => new LeafNode(e.Path, ExistsTest.Instance, e.Negated),
        CompositeComparison c => new CompositeNode(c.Operator, [.. c.Operands.Select(Create)]),
        _ => throw new InvalidOperationException("unknown comparison expression " + expression.GetType().Name),
    };
}

/// <summary>One comparison: the path from the SCO, and the test of the values it selects.</summary>
internal sealed class LeafNode(ObjectPath path, ValueTest test, bool negatedExists) : ComparisonNode
{
    private readonly PathComponent[] _components = [.. path.Components];

    public ObjectPath Path { get; } = path;

    public ValueTest Test { get; } = test;

    /// <summary><c>NOT EXISTS</c>: true of an SCO of the type that lacks the property.</summary>
    public bool NegatedExists { get; } = negatedExists;

    public override bool Matches(StixValue sco, string type, Observation observation) =>
        type == Path.ObjectType && (NegatedExists ^ PathWalker.Any(sco, _components, observation, Test));
}

/// <summary>Comparisons joined by AND (all true of the SCO) or OR (any).</summary>
internal sealed class CompositeNode(BooleanOperator op, ComparisonNode[] operands) : ComparisonNode
{
    public BooleanOperator Operator { get; } = op;

    public IReadOnlyList<ComparisonNode> Operands { get; } = operands;

    public override bool Matches(StixValue sco, string type, Observation observation)
    {
        var and = Operator == BooleanOperator.And;
        foreach (var operand in operands)
        {
            if (operand.Matches(sco, type, observation) != and)
            {
                return !and;
            }
        }

        return and;
    }
}
