using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CyDef.Patterns.Internal;

/// <summary>
/// Writes syntax trees in canonical pattern syntax: single spaces, <c>=</c> and <c>!=</c> (never <c>==</c> or
/// <c>&lt;&gt;</c>), nested composites in parentheses, quoted keys only where needed. Parsing the output gives an
/// equal tree.
/// </summary>
internal static partial class PatternFormatter
{
    public static string Format(Pattern pattern) => Format(pattern.Expression);

    public static string Format(ObservationExpression expression) => Write(b => Append(b, expression));

    public static string Format(ComparisonExpression expression) => Write(b => Append(b, expression));

    public static string Format(Qualifier qualifier) => Write(b => Append(b, qualifier));

    public static string Format(ObjectPath path) => Write(b => Append(b, path));

    public static string Format(PathComponent component) => Write(b => Append(b, component));

    public static string Format(Constant constant) => Write(b => Append(b, constant));

    private static string Write(Action<StringBuilder> append)
    {
        var builder = new StringBuilder();
        append(builder);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ObservationExpression expression)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case BracketedObservation bracketed:
                builder.Append('[');
                Append(builder, bracketed.Comparison);
                builder.Append(']');
                break;
            case CompositeObservation composite:
                AppendJoined(builder, composite.Operands, Keyword(composite.Operator), static (b, e) => AppendOperand(b, e));
                break;
            case QualifiedObservation qualified:
                AppendQualified(builder, qualified);
                break;
        }
    }

    private static void AppendOperand(StringBuilder builder, ObservationExpression operand)
    {
        if (operand is CompositeObservation)
        {
            builder.Append('(');
            Append(builder, operand);
            builder.Append(')');
        }
        else
        {
            Append(builder, operand);
        }
    }

    /// <summary>
    /// Qualifiers follow <c>]</c> directly unless the same type appears twice, which is only allowed after a
    /// parenthesis (see Parser.ParseQualifiers).
    /// </summary>
    private static void AppendQualified(StringBuilder builder, QualifiedObservation qualified)
    {
        var bare = qualified.Expression is BracketedObservation && DistinctTypes(qualified.Qualifiers);
        builder.Append(bare ? "" : "(");
        Append(builder, qualified.Expression);
        builder.Append(bare ? "" : ")");
        foreach (var qualifier in qualified.Qualifiers)
        {
            builder.Append(' ');
            Append(builder, qualifier);
        }
    }

    private static bool DistinctTypes(EquatableArray<Qualifier> qualifiers)
    {
        var seen = new HashSet<Type>();
        foreach (var qualifier in qualifiers)
        {
            if (!seen.Add(qualifier.GetType()))
            {
                return false;
            }
        }

        return true;
    }

    private static void Append(StringBuilder builder, Qualifier qualifier)
    {
        switch (qualifier)
        {
            case WithinQualifier within:
                builder.Append("WITHIN ");
                AppendSeconds(builder, within.Seconds);
                builder.Append(" SECONDS");
                break;
            case RepeatsQualifier repeats:
                builder.Append(CultureInfo.InvariantCulture, $"REPEATS {repeats.Count} TIMES");
                break;
            case StartStopQualifier startStop:
                builder.Append("START ");
                Append(builder, startStop.Start);
                builder.Append(" STOP ");
                Append(builder, startStop.Stop);
                break;
        }
    }

    private static void Append(StringBuilder builder, ComparisonExpression expression)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case CompositeComparison composite:
                AppendJoined(builder, composite.Operands, composite.Operator == BooleanOperator.And ? " AND " : " OR ",
                    static (b, e) => AppendOperand(b, e));
                break;
            case PropertyComparison comparison:
                Append(builder, comparison.Path);
                builder.Append(comparison.Negated ? " NOT " : " ").Append(Keyword(comparison.Operator)).Append(' ');
                Append(builder, comparison.Value);
                break;
            case ExistsComparison exists:
                builder.Append(exists.Negated ? "NOT EXISTS " : "EXISTS ");
                Append(builder, exists.Path);
                break;
        }
    }

    private static void AppendOperand(StringBuilder builder, ComparisonExpression operand)
    {
        if (operand is CompositeComparison)
        {
            builder.Append('(');
            Append(builder, operand);
            builder.Append(')');
        }
        else
        {
            Append(builder, operand);
        }
    }

    private static void AppendJoined<T>(StringBuilder builder, EquatableArray<T> items, string separator, Action<StringBuilder, T> append)
    {
        for (var index = 0; index < items.Count; index++)
        {
            builder.Append(index == 0 ? "" : separator);
            append(builder, items[index]);
        }
    }

    private static string Keyword(ObservationOperator op) => op switch
    {
        ObservationOperator.And => " AND ",
        ObservationOperator.Or => " OR ",
        _ => " FOLLOWEDBY ",
    };

    private static string Keyword(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.In => "IN",
        ComparisonOperator.Like => "LIKE",
        ComparisonOperator.Matches => "MATCHES",
        ComparisonOperator.IsSubset => "ISSUBSET",
        _ => "ISSUPERSET",
    };
}
