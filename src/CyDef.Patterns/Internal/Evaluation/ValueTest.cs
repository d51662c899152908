using System.Text.RegularExpressions;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// The test a comparison makes of each value its object path selects (§9.6.1). A comparison is true of an object
/// when it is true of at least one selected value; <c>NOT</c> negates the test of each value.
/// </summary>
internal abstract class ValueTest(bool negated)
{
    public bool Negated { get; } = negated;

    public bool Test(StixValue value, string? binaryKey) => Negated ^ TestValue(value, binaryKey);

    protected abstract bool TestValue(StixValue value, string? binaryKey);

    public static ValueTest Create(PropertyComparison comparison) => comparison.Operator switch
    {
        ComparisonOperator.In => new InTest((SetConstant)comparison.Value, comparison.Negated),
        ComparisonOperator.Like => new LikeTest(new Like(((StringConstant)comparison.Value).Value), comparison.Negated),
        ComparisonOperator.Matches => MatchesTest.Create(((StringConstant)comparison.Value).Value, comparison.Negated),
        ComparisonOperator.IsSubset or ComparisonOperator.IsSuperset =>
            new SubnetTest(((StringConstant)comparison.Value).Value, comparison.Operator == ComparisonOperator.IsSuperset, comparison.Negated),
        _ => new OperatorTest(comparison.Operator, new TypedConstant(comparison.Value), comparison.Negated),
    };
}

/// <summary><c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>; incompatible types are unequal and unordered.</summary>
internal sealed class OperatorTest(ComparisonOperator op, TypedConstant constant, bool negated) : ValueTest(negated)
{
    public ComparisonOperator Operator { get; } = op;

    public TypedConstant Constant { get; } = constant;

    protected override bool TestValue(StixValue value, string? binaryKey)
    {
        var operand = Operand.From(value, binaryKey);
        return Operator switch
        {
            ComparisonOperator.Equal => Constant.Equal(operand),
            ComparisonOperator.NotEqual => !Constant.Equal(operand),
            ComparisonOperator.LessThan => Constant.Compare(operand) < 0,
            ComparisonOperator.LessThanOrEqual => Constant.Compare(operand) <= 0,
            ComparisonOperator.GreaterThan => Constant.Compare(operand) > 0,
            ComparisonOperator.GreaterThanOrEqual => Constant.Compare(operand) >= 0,
            _ => throw new InvalidOperationException($"{Operator} is not an ordering operator"),
        };
    }
}

/// <summary><c>IN (…)</c>: equal to one of the constants.</summary>
internal sealed class InTest(SetConstant set, bool negated) : ValueTest(negated)
{
    private readonly TypedConstant[] _items = [.. set.Items.Select(i => new TypedConstant(i))];

    public IReadOnlyList<TypedConstant> Items => _items;

    protected override bool TestValue(StixValue value, string? binaryKey)
    {
        var operand = Operand.From(value, binaryKey);
        foreach (var item in _items)
        {
            if (item.Equal(operand))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// <c>LIKE</c> on string values (NFC on both sides), and on binary values as octets when the pattern converts to
/// octets (§9.6.4).
/// </summary>
internal sealed class LikeTest(Like like, bool negated) : ValueTest(negated)
{
    private readonly bool _binaryCapable = TypedConstant.Latin1(like.Pattern) is not null;

    public Like Like { get; } = like;

    protected override bool TestValue(StixValue value, string? binaryKey)
    {
        if (value.AsString() is not { } text)
        {
            return false;
        }

        if (binaryKey is null)
        {
            return Like.IsMatch(text);
        }

        var operand = Operand.From(value, binaryKey);
        return _binaryCapable && operand.Kind == OperandKind.Binary && Like.IsMatch(Octets.Widen(operand.Bytes!), normalize: false);
    }
}

/// <summary>
/// <c>MATCHES</c>: a regular-expression search with DOTALL on the NFC form of string values; on binary values,
/// when every code point of the expression is below U+0100, on the octets taken one character each (§9.6.1).
/// The <see cref="Regex"/> is built on first use: a NonBacktracking regex costs milliseconds and hundreds of
/// kilobytes to build, and in a large compiled set most MATCHES comparisons are never reached past the literal
/// prefilter.
/// </summary>
internal sealed class MatchesTest(string expression, string literal, bool negated) : ValueTest(negated)
{
    private readonly bool _binaryCapable = TypedConstant.Latin1(expression) is not null;
    private Regex? _regex;

    /// <summary>The regular expression, NFC-normalised.</summary>
    public string Expression { get; } = expression;

    /// <summary>Text every match contains (possibly empty), for prefilters.</summary>
    public string Literal { get; } = literal;

    private Regex Regex => _regex ?? Build();

    public static MatchesTest Create(string expression, bool negated)
    {
        var normalized = Like.TryNfc(expression);
        return new MatchesTest(normalized, RegexLiterals.Required(normalized), negated);
    }

    /// <summary>Builds the regex; threads racing here build equal ones and one wins.</summary>
    private Regex Build()
    {
        if (!PatternRegex.TryCreate(Expression, out var regex, out _))
        {
            // The parser accepted the expression; only its NFC form can fail. Nothing matches an invalid expression.
            regex = new Regex("(?!)", PatternRegex.Options | RegexOptions.NonBacktracking);
        }

        return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
    }

    protected override bool TestValue(StixValue value, string? binaryKey)
    {
        if (value.AsString() is not { } text)
        {
            return false;
        }

        if (binaryKey is not null)
        {
            var operand = Operand.From(value, binaryKey);
            return _binaryCapable && operand.Kind == OperandKind.Binary && Search(Octets.Widen(operand.Bytes!));
        }

        Like.Nfc(Expression);
        return Search(Like.Nfc(text));
    }

    private bool Search(string text)
    {
        try
        {
            return Regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new EvaluationException($"the regular expression ran longer than {PatternRegex.BacktrackingTimeout.TotalSeconds} s");
        }
    }
}

/// <summary><c>ISSUBSET</c> / <c>ISSUPERSET</c> between IP addresses or CIDR blocks of one family.</summary>
internal sealed class SubnetTest : ValueTest
{
    private readonly IpNetwork? _constant;

    public SubnetTest(string constant, bool superset, bool negated)
        : base(negated)
    {
        IsSuperset = superset;
        _constant = IpNetwork.TryParse(constant, out var network) ? network : null;
    }

    public bool IsSuperset { get; }

    public IpNetwork? Network => _constant;

    protected override bool TestValue(StixValue value, string? binaryKey) =>
        _constant is { } constant && value.AsString() is { } text && IpNetwork.TryParse(text, out var network)
        && (IsSuperset ? network.Contains(constant) : constant.Contains(network));
}

/// <summary><c>EXISTS</c>: any selected value at all.</summary>
internal sealed class ExistsTest() : ValueTest(false)
{
    public static ExistsTest Instance { get; } = new();

    protected override bool TestValue(StixValue value, string? binaryKey) => true;
}
