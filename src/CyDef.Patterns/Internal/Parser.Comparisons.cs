using System.Collections.Immutable;

namespace CyDef.Patterns.Internal;

/// <summary>Comparison expressions, Boolean Operators and object paths (STIX 2.1 §9.6, §9.7).</summary>
internal sealed partial class Parser
{
    private const string ComparisonStart = "an object path (e.g. file:name), '(', EXISTS or NOT EXISTS";

    /// <summary>
    /// Comparison expressions joined by <paramref name="level"/> or tighter operators (AND binds tighter than OR).
    /// §9.5: operands of AND MUST be satisfiable by the same object, so they must share an object type; the
    /// object types an expression can be satisfied by are tracked alongside it.
    /// </summary>
    private TypedComparison? ParseComparisons(BooleanOperator level)
    {
        var keyword = level == BooleanOperator.And ? TokenKind.And : TokenKind.Or;
        var first = ParseComparisonOperand(level);
        if (first is null || _token.Kind != keyword)
        {
            return first;
        }

        var operands = ImmutableArray.CreateBuilder<ComparisonExpression>();
        operands.Add(first.Expression);
        var types = first.ObjectTypes;
        while (_token.Kind == keyword)
        {
            var joint = _token;
            Advance();
            var next = ParseComparisonOperand(level);
            if (next is null || (level == BooleanOperator.And && !SameObject(types, next.ObjectTypes, joint)))
            {
                return null;
            }

            if (level == BooleanOperator.And)
            {
                types.IntersectWith(next.ObjectTypes);
            }
            else
            {
                types.UnionWith(next.ObjectTypes);
            }

            operands.Add(next.Expression);
        }

        return new TypedComparison(new CompositeComparison(level, operands.ToImmutable()), types);
    }

    private TypedComparison? ParseComparisonOperand(BooleanOperator level) =>
        level == BooleanOperator.Or ? ParseComparisons(BooleanOperator.And) : ParseComparisonTest();

    private bool SameObject(ObjectTypeSet left, ObjectTypeSet right, Token joint)
    {
        if (left.Overlaps(right))
        {
            return true;
        }

        Violation($"comparisons joined by AND must hold for one object, but these start from different object types ({Names(left)} and {Names(right)}); "
            + "join them with OR, or put them in separate observation expressions", joint.Start, "9.5");
        return false;
    }

    private static string Names(ObjectTypeSet types) => string.Join(" or ", types.Types().Order(StringComparer.Ordinal).Select(t => $"'{t}'"));

    /// <summary>One propTest of the grammar: a comparison, EXISTS, or a parenthesised expression.</summary>
    private TypedComparison? ParseComparisonTest()
    {
        switch (_token.Kind)
        {
            case TokenKind.LeftParen:
                return ParseComparisonGroup();
            case TokenKind.Not or TokenKind.Exists:
                return ParseExists();
            case TokenKind.Identifier or TokenKind.HyphenIdentifier:
                return ParsePropertyComparison();
            default:
                Fail(ComparisonStart);
                return null;
        }
    }

    private TypedComparison? ParseComparisonGroup()
    {
        if (!Enter())
        {
            return null;
        }

        Advance();
        var inner = ParseComparisons(BooleanOperator.Or);
        if (inner is null || !Expect(TokenKind.RightParen, "')', AND or OR"))
        {
            return null;
        }

        Leave();
        return inner;
    }

    private TypedComparison? ParseExists()
    {
        var negated = _token.Kind == TokenKind.Not;
        if (negated)
        {
            Advance();
        }

        if (!Expect(TokenKind.Exists, "EXISTS: NOT before an object path is written after it, as in file:name NOT LIKE 'a%'"))
        {
            return null;
        }

        var path = ParseObjectPath();
        return path is null ? null : TypedComparison.Of(new ExistsComparison(path, negated), path);
    }

    private TypedComparison? ParsePropertyComparison()
    {
        var path = ParseObjectPath();
        if (path is null)
        {
            return null;
        }

        var negated = _token.Kind == TokenKind.Not;
        if (negated)
        {
            Advance();
        }

        if (OperatorOf(_token.Kind) is not { } op)
        {
            Fail(negated ? "a comparison operator" : "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) or NOT");
            return null;
        }

        Advance();
        var value = ParseOperand(op, path);
        return value is null ? null : TypedComparison.Of(new PropertyComparison(path, op, value, negated), path);
    }

    private static ComparisonOperator? OperatorOf(TokenKind kind) => kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Less => ComparisonOperator.LessThan,
        TokenKind.LessOrEqual => ComparisonOperator.LessThanOrEqual,
        TokenKind.Greater => ComparisonOperator.GreaterThan,
        TokenKind.GreaterOrEqual => ComparisonOperator.GreaterThanOrEqual,
        TokenKind.In => ComparisonOperator.In,
        TokenKind.Like => ComparisonOperator.Like,
        TokenKind.Matches => ComparisonOperator.Matches,
        TokenKind.IsSubset => ComparisonOperator.IsSubset,
        TokenKind.IsSuperset => ComparisonOperator.IsSuperset,
        _ => null,
    };

    /// <summary>
    /// objectPath: <c>type:property</c> then <c>.property</c>, <c>.'quoted key'</c>, <c>[n]</c> or <c>[*]</c> steps.
    /// Object types may contain hyphens; property names with hyphens must be quoted (§9.7).
    /// </summary>
    private ObjectPath? ParseObjectPath()
    {
        var type = _token;
        if (type.Kind is not (TokenKind.Identifier or TokenKind.HyphenIdentifier))
        {
            Fail("an object type, as in file:name");
            return null;
        }

        Advance();
        if (!Expect(TokenKind.Colon, "':' between the object type and the property name"))
        {
            return null;
        }

        var components = ImmutableArray.CreateBuilder<PathComponent>();
        if (ParsePropertyName() is not { } first)
        {
            return null;
        }

        components.Add(first);
        while (_token.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            var step = _token.Kind == TokenKind.Dot ? ParseKeyStep() : ParseIndexStep();
            if (step is null)
            {
                return null;
            }

            components.Add(step);
        }

        return new ObjectPath(TextOf(type).ToString(), components.ToImmutable());
    }

    private PropertyComponent? ParseKeyStep()
    {
        Advance();
        return ParsePropertyName();
    }

    private PropertyComponent? ParsePropertyName()
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                Advance();
                return new PropertyComponent(TextOf(token).ToString());
            case TokenKind.String:
                Advance();
                return new PropertyComponent(LiteralFormats.Unescape(ContentOf(token)));
            case TokenKind.HyphenIdentifier:
                Fail("a property name", $"{Describe(token)} must be quoted: property names and keys with a hyphen are written in apostrophes, as in extensions.'ntfs-ext'");
                return null;
            default:
                Fail("a property name or a quoted key");
                return null;
        }
    }

    /// <summary><c>[n]</c> or <c>[*]</c> (§9.7.2).</summary>
    private PathComponent? ParseIndexStep()
    {
        Advance();
        var token = _token;
        PathComponent? step = null;
        if (token.Kind == TokenKind.Asterisk)
        {
            step = AnyIndexComponent.Instance;
        }
        else if (token.Kind != TokenKind.Integer)
        {
            Fail("a list index: an integer or '*'");
        }
        else if (int.TryParse(TextOf(token), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            step = new IndexComponent(index);
        }
        else
        {
            Violation($"the list index {Describe(token)} is too large", token.Start, "9.7.2");
        }

        if (step is null)
        {
            return null;
        }

        Advance();
        return Expect(TokenKind.RightBracket, "']'") ? step : null;
    }
}
