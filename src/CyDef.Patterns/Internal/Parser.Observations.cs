using System.Collections.Immutable;
using System.Globalization;

namespace CyDef.Patterns.Internal;

/// <summary>Observation expressions, observation operators and qualifiers (STIX 2.1 §9.5).</summary>
internal sealed partial class Parser
{
    private const string ObservationContinuations = "a qualifier (WITHIN, REPEATS, START), AND, OR, FOLLOWEDBY";

    /// <summary>
    /// Observation expressions joined by <paramref name="level"/> or tighter operators (§9.5.3: AND, then OR, then
    /// FOLLOWEDBY). A chain of one operator becomes one node.
    /// </summary>
    private ObservationExpression? ParseObservations(ObservationOperator level)
    {
        var keyword = KeywordOf(level);
        var first = ParseObservationOperand(level);
        if (first is null || _token.Kind != keyword)
        {
            return first;
        }

        var operands = ImmutableArray.CreateBuilder<ObservationExpression>();
        operands.Add(first);
        while (_token.Kind == keyword)
        {
            Advance();
            var next = ParseObservationOperand(level);
            if (next is null)
            {
                return null;
            }

            operands.Add(next);
        }

        return new CompositeObservation(level, operands.ToImmutable());
    }

    private ObservationExpression? ParseObservationOperand(ObservationOperator level) => level switch
    {
        ObservationOperator.FollowedBy => ParseObservations(ObservationOperator.Or),
        ObservationOperator.Or => ParseObservations(ObservationOperator.And),
        _ => ParseQualified(),
    };

    private static TokenKind KeywordOf(ObservationOperator level) => level switch
    {
        ObservationOperator.And => TokenKind.And,
        ObservationOperator.Or => TokenKind.Or,
        _ => TokenKind.FollowedBy,
    };

    /// <summary>
    /// <c>[…]</c> or <c>(…)</c> and the qualifiers after it. Qualifiers after a group that already had some are
    /// appended to them: <c>([a] WITHIN 5 SECONDS) REPEATS 2 TIMES</c> applies the same two qualifiers in the
    /// same order as <c>[a] WITHIN 5 SECONDS REPEATS 2 TIMES</c>.
    /// </summary>
    private ObservationExpression? ParseQualified()
    {
        var bracketed = _token.Kind == TokenKind.LeftBracket;
        var expression = _token.Kind switch
        {
            TokenKind.LeftBracket => ParseBracketed(),
            TokenKind.LeftParen => ParseObservationGroup(),
            _ => null,
        };
        if (expression is null)
        {
            Fail("an observation expression: '[' or '('");
            return null;
        }

        if (!IsQualifierStart(_token.Kind))
        {
            return expression;
        }

        var qualifiers = ImmutableArray.CreateBuilder<Qualifier>();
        if (expression is QualifiedObservation grouped)
        {
            qualifiers.AddRange(grouped.Qualifiers);
            expression = grouped.Expression;
        }

        return ParseQualifiers(qualifiers, bracketed) ? new QualifiedObservation(expression, qualifiers.ToImmutable()) : null;
    }

    /// <summary>
    /// §9.5.1: an Observation Expression MUST NOT have more than one Qualifier of a particular type. As the
    /// reference validator does, this is checked for the qualifiers written right after <c>]</c>; a parenthesised
    /// expression starts afresh, so <c>([a]) WITHIN 5 SECONDS WITHIN 6 SECONDS</c> is accepted.
    /// </summary>
    private bool ParseQualifiers(ImmutableArray<Qualifier>.Builder qualifiers, bool checkDuplicates)
    {
        var seen = new HashSet<Type>();
        while (IsQualifierStart(_token.Kind))
        {
            var keyword = _token;
            var qualifier = keyword.Kind switch
            {
                TokenKind.Within => ParseWithin(),
                TokenKind.Repeats => ParseRepeats(),
                _ => (Qualifier?)ParseStartStop(),
            };
            if (qualifier is null)
            {
                return false;
            }

            if (checkDuplicates && !seen.Add(qualifier.GetType()))
            {
                Violation($"the observation expression already has a {TextOf(keyword)} qualifier; it may have only one of each type", keyword.Start, "9.5.1");
                return false;
            }

            qualifiers.Add(qualifier);
        }

        return true;
    }

    private static bool IsQualifierStart(TokenKind kind) => kind is TokenKind.Within or TokenKind.Repeats or TokenKind.Start;

    private ObservationExpression? ParseObservationGroup()
    {
        if (!Enter())
        {
            return null;
        }

        Advance();
        var inner = ParseObservations(ObservationOperator.FollowedBy);
        if (inner is null || !Expect(TokenKind.RightParen, "')', " + ObservationContinuations))
        {
            return null;
        }

        Leave();
        return inner;
    }

    private BracketedObservation? ParseBracketed()
    {
        Advance();
        var comparison = ParseComparisons(BooleanOperator.Or);
        return comparison is not null && Expect(TokenKind.RightBracket, "']', AND or OR")
            ? new BracketedObservation(comparison.Expression)
            : null;
    }

    /// <summary><c>WITHIN x SECONDS</c>; §9.5.1: x MUST be a positive floating-point or integer value.</summary>
    private WithinQualifier? ParseWithin()
    {
        Advance();
        var number = _token;
        if (number.Kind is not (TokenKind.Integer or TokenKind.Float) || _text[number.Start] == '-')
        {
            Fail("a positive number of seconds");
            return null;
        }

        var seconds = double.Parse(TextOf(number), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (!HasNoPlusSign(number) || !Require(seconds > 0 && double.IsFinite(seconds), number, "WITHIN needs a positive number of seconds", "9.5.1"))
        {
            return null;
        }

        Advance();
        return Expect(TokenKind.Seconds, "'SECONDS'") ? new WithinQualifier(seconds) : null;
    }

    /// <summary><c>REPEATS x TIMES</c>; §9.5.1: x MUST be a positive integer.</summary>
    private RepeatsQualifier? ParseRepeats()
    {
        Advance();
        var number = _token;
        if (number.Kind != TokenKind.Integer || _text[number.Start] == '-')
        {
            Fail("a positive integer");
            return null;
        }

        var count = ParseInteger(number);
        if (count is null || !Require(count > 0, number, "REPEATS needs a positive number of times", "9.5.1"))
        {
            return null;
        }

        Advance();
        return Expect(TokenKind.Times, "'TIMES'") ? new RepeatsQualifier(count.Value) : null;
    }

    /// <summary><c>START x STOP y</c>; §9.5.1: observations are at or after x and before y.</summary>
    private StartStopQualifier? ParseStartStop()
    {
        Advance();
        var start = ParseTimestamp();
        if (start is null || !Expect(TokenKind.Stop, "'STOP'"))
        {
            return null;
        }

        // §9.5.1 asks only that both be timestamps: START at or after STOP is a valid window that no time falls in.
        var stop = ParseTimestamp();
        if (stop is null)
        {
            return null;
        }

        return new StartStopQualifier(start, stop);
    }

    private TimestampConstant? ParseTimestamp()
    {
        var token = _token;
        if (_version == StixPatternVersion.Stix20 && token.Kind == TokenKind.String)
        {
            // STIX 2.0 (STIXPattern.g4 of 2.0): START StringLiteral STOP StringLiteral. A string that names no instant
            // keeps a null Instant, which makes evaluation fail rather than parsing (as in the 2.0 grammar).
            Advance();
            return new TimestampConstant(LiteralFormats.Unescape(ContentOf(token)));
        }

        if (!Expect(TokenKind.Timestamp, "a timestamp constant t'YYYY-MM-DDTHH:mm:ss[.s+]Z'"))
        {
            return null;
        }

        return new TimestampConstant(ContentOf(token).ToString());
    }

    private bool Require(bool condition, Token token, string message, string section)
    {
        if (!condition)
        {
            Violation(message, token.Start, section);
        }

        return condition;
    }
}
