using System.Collections.Immutable;
using System.Globalization;

namespace CyDef.Patterns.Internal;

/// <summary>Constants (STIX 2.1 §9.2) and the rules on the right operand of each comparison operator (§9.6.1).</summary>
internal sealed partial class Parser
{
    /// <summary>§2.10: integers are within [−(2⁵³)+1, (2⁵³)−1].</summary>
    private const long MaxInteger = (1L << 53) - 1;

    private Constant? ParseOperand(ComparisonOperator op, ObjectPath path)
    {
        var token = _token;
        var value = op switch
        {
            ComparisonOperator.Equal or ComparisonOperator.NotEqual => ParseConstant(allowBoolean: true),
            ComparisonOperator.In => ParseSet(),
            ComparisonOperator.Like or ComparisonOperator.Matches or ComparisonOperator.IsSubset or ComparisonOperator.IsSuperset => ParseString(),
            _ => ParseConstant(allowBoolean: false),
        };
        if (value is null)
        {
            return null;
        }

        var problem = OperandRules.Check(op, path, value);
        if (problem is not null)
        {
            Violation(problem.Value.Message, token.Start, problem.Value.Section);
            return null;
        }

        return value;
    }

    private StringConstant? ParseString()
    {
        var token = _token;
        if (!Expect(TokenKind.String, "a string constant"))
        {
            return null;
        }

        return new StringConstant(LiteralFormats.Unescape(ContentOf(token)));
    }

    /// <summary>primitiveLiteral (with booleans) or orderableLiteral (without).</summary>
    private Constant? ParseConstant(bool allowBoolean)
    {
        var token = _token;
        Constant? value = token.Kind switch
        {
            TokenKind.Integer => ParseInteger(token) is { } integer ? new IntegerConstant(integer) : null,
            TokenKind.Float => ParseFloat(token),
            TokenKind.String => new StringConstant(LiteralFormats.Unescape(ContentOf(token))),
            TokenKind.Binary => new BinaryConstant(ImmutableArray.Create(LiteralFormats.DecodeBase64(ContentOf(token)))),
            TokenKind.Hex => new HexConstant(ImmutableArray.Create(LiteralFormats.DecodeHex(ContentOf(token)))),
            TokenKind.Timestamp => new TimestampConstant(ContentOf(token).ToString()),
            TokenKind.True when allowBoolean => new BooleanConstant(true),
            TokenKind.False when allowBoolean => new BooleanConstant(false),
            _ => null,
        };
        if (value is null)
        {
            Fail(allowBoolean ? "a constant" : "a constant that has an order (a number, string, binary, hex or timestamp; not true or false)");
            return null;
        }

        Advance();
        return value;
    }

    /// <summary>setLiteral: <c>()</c> or <c>(c, …)</c>; §9.6.1: the set values MUST be of one data type.</summary>
    private SetConstant? ParseSet()
    {
        if (!Expect(TokenKind.LeftParen, "'(' starting a set of constants, as in IN ('a', 'b')"))
        {
            return null;
        }

        var items = ImmutableArray.CreateBuilder<Constant>();
        while (_token.Kind != TokenKind.RightParen || items.Count > 0)
        {
            var token = _token;
            var item = ParseConstant(allowBoolean: true);
            if (item is null)
            {
                return null;
            }

            if (items.Count > 0 && OperandRules.DataType(item) != OperandRules.DataType(items[0]))
            {
                Violation($"the constants of a set must be of one data type, but {Describe(token)} is {OperandRules.DataType(item)} and the first is {OperandRules.DataType(items[0])}", token.Start, "9.6.1");
                return null;
            }

            items.Add(item);
            if (_token.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        return Expect(TokenKind.RightParen, "',' or ')'") ? new SetConstant(items.ToImmutable()) : null;
    }

    private long? ParseInteger(Token token)
    {
        if (!HasNoPlusSign(token))
        {
            return null;
        }

        if (long.TryParse(TextOf(token), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= MaxInteger)
        {
            return value;
        }

        Violation($"{Describe(token)} is outside the range of integers, -(2^53)+1 to (2^53)-1", token.Start, "2.10");
        return null;
    }

    private FloatConstant? ParseFloat(Token token)
    {
        if (!HasNoPlusSign(token))
        {
            return null;
        }

        var value = double.Parse(TextOf(token), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return Require(double.IsFinite(value), token, $"{Describe(token)} is too large for a floating-point number", "2.6") ? new FloatConstant(value) : null;
    }

    /// <summary>§9.2: positive numbers MUST be written without a plus sign (the grammar allows one).</summary>
    private bool HasNoPlusSign(Token token) =>
        Require(_text[token.Start] != '+', token, $"{Describe(token)}: positive numbers are written without a plus sign", "9.2");
}
