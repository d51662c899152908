namespace CyDef.Patterns;

/// <summary>
/// Recognises exact-value patterns: one bracketed observation expression without qualifiers whose comparisons are
/// <c>=</c> or <c>IN</c> with string constants on non-binary properties, joined by <c>OR</c> only, none negated.
/// Such a pattern matches a set of observed data exactly when one Observation holds an SCO of one of the comparisons'
/// types whose path selects one of its strings (§9.5, §9.6.1) — so a sensor can look the values it sees up in one
/// hash table instead of building STIX objects and running the evaluator. The tests check this against
/// <see cref="PatternEvaluator"/>.
/// </summary>
public static class ExactValues
{
    /// <summary>The values an exact-value pattern looks for.</summary>
    /// <param name="pattern">A parsed pattern.</param>
    /// <param name="values">The values (distinct), when the pattern is an exact-value pattern.</param>
    /// <returns>Whether it is one.</returns>
    public static bool TryGet(Pattern pattern, out IReadOnlyList<ExactValue> values)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var found = new List<ExactValue>();
        values = found;
        if (pattern.Expression is not BracketedObservation bracket || !Collect(bracket.Comparison, found))
        {
            values = [];
            return false;
        }

        values = found.Distinct().ToList();
        return true;
    }

    private static bool Collect(ComparisonExpression expression, List<ExactValue> into)
    {
        switch (expression)
        {
            case CompositeComparison { Operator: BooleanOperator.Or } or:
                foreach (var operand in or.Operands)
                {
                    if (!Collect(operand, into))
                    {
                        return false;
                    }
                }

                return true;
            case PropertyComparison { Negated: false } comparison when Plain(comparison.Path):
                return CollectLeaf(comparison, into);
            default:
                return false;
        }
    }

    private static bool CollectLeaf(PropertyComparison comparison, List<ExactValue> into)
    {
        var path = comparison.Path.ToString();
        var type = comparison.Path.ObjectType;
        switch (comparison)
        {
            case { Operator: ComparisonOperator.Equal, Value: StringConstant s }:
                into.Add(new ExactValue(type, path, s.Value));
                return true;
            case { Operator: ComparisonOperator.In, Value: SetConstant set } when set.Items.All(i => i is StringConstant):
                foreach (var item in set.Items)
                {
                    into.Add(new ExactValue(type, path, ((StringConstant)item).Value));
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Binary properties (<c>_bin</c>, <c>_hex</c>) compare decoded octets, not text (§9.6.4).</summary>
    private static bool Plain(ObjectPath path) =>
        path.Components.All(c => c is not PropertyComponent p
            || !(p.Name.EndsWith("_hex", StringComparison.Ordinal) || p.Name.EndsWith("_bin", StringComparison.Ordinal)));
}
