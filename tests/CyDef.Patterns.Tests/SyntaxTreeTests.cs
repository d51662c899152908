using System.Collections.Immutable;

namespace CyDef.Patterns.Tests;

/// <summary>The shape of the syntax tree: precedence, chains, qualifiers and the values of constants.</summary>
public sealed class SyntaxTreeTests
{
    [Fact]
    public void Parse_ObservationOperators_FollowThePrecedenceOfSection953()
    {
        var pattern = Parse("[a:x = 1] FOLLOWEDBY [a:x = 2] OR [a:x = 3] AND [a:x = 4] AND [a:x = 5]");

        var followedBy = Assert.IsType<CompositeObservation>(pattern.Expression);
        Assert.Equal(ObservationOperator.FollowedBy, followedBy.Operator);
        Assert.IsType<BracketedObservation>(followedBy.Operands[0]);
        var or = Assert.IsType<CompositeObservation>(followedBy.Operands[1]);
        Assert.Equal(ObservationOperator.Or, or.Operator);
        var and = Assert.IsType<CompositeObservation>(or.Operands[1]);
        Assert.Equal(ObservationOperator.And, and.Operator);
        Assert.Equal(3, and.Operands.Count);
    }

    [Fact]
    public void Parse_QualifierAfterOperator_AppliesToTheLastExpressionOnly()
    {
        // §9.5.2: [ b ] FOLLOWEDBY [ c ] REPEATS 5 TIMES repeats c, not b.
        var pattern = Parse("[a:b = 1] FOLLOWEDBY [a:c = 1] REPEATS 5 TIMES");

        var followedBy = Assert.IsType<CompositeObservation>(pattern.Expression);
        Assert.IsType<BracketedObservation>(followedBy.Operands[0]);
        var repeated = Assert.IsType<QualifiedObservation>(followedBy.Operands[1]);
        Assert.Equal(new RepeatsQualifier(5), Assert.Single(repeated.Qualifiers));
    }

    [Fact]
    public void Parse_QualifiersAfterParentheses_ApplyToTheGroupInOrder()
    {
        var pattern = Parse("([a:b = 1] AND [a:c = 1]) REPEATS 5 TIMES WITHIN 300.5 SECONDS");

        var qualified = Assert.IsType<QualifiedObservation>(pattern.Expression);
        Assert.IsType<CompositeObservation>(qualified.Expression);
        Assert.Equal<Qualifier>([new RepeatsQualifier(5), new WithinQualifier(300.5)], qualified.Qualifiers);
    }

    [Fact]
    public void Parse_StartStop_KeepsBothTimestamps()
    {
        var pattern = Parse("[a:b = 1] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00Z'");

        var window = Assert.IsType<StartStopQualifier>(Assert.Single(Assert.IsType<QualifiedObservation>(pattern.Expression).Qualifiers));
        Assert.Equal("2016-06-01T01:30:00.123Z", window.Start.Text);
        Assert.Equal(new DateTime(2016, 6, 1, 2, 20, 0, DateTimeKind.Utc), window.Stop.Instant?.UtcDateTime);
    }

    [Fact]
    public void Parse_ComparisonAnd_BindsTighterThanOr()
    {
        var comparison = Comparison("[a:j = 'W' AND a:k = 'X' OR a:l = 'Z']");

        var or = Assert.IsType<CompositeComparison>(comparison);
        Assert.Equal(BooleanOperator.Or, or.Operator);
        var and = Assert.IsType<CompositeComparison>(or.Operands[0]);
        Assert.Equal(BooleanOperator.And, and.Operator);
        Assert.Equal(2, and.Operands.Count);
    }

    [Fact]
    public void Parse_PropertyComparison_HasPathOperatorValueAndNegation()
    {
        var comparison = Assert.IsType<PropertyComparison>(Comparison("[process:name NOT IN ('a', 'b')]"));

        Assert.Equal("process", comparison.Path.ObjectType);
        Assert.Equal("name", comparison.Path.PropertyName);
        Assert.Equal(ComparisonOperator.In, comparison.Operator);
        Assert.True(comparison.Negated);
        Assert.Equal(new SetConstant(ImmutableArray.Create<Constant>(new StringConstant("a"), new StringConstant("b"))), comparison.Value);
    }

    [Fact]
    public void Parse_ObjectPath_HasKeysIndexesAndReferences()
    {
        var path = Assert.IsType<PropertyComparison>(Comparison(
            "[email-message:body_multipart[*].body_raw_ref.extensions.'x-ext'.list[2] = 1]")).Path;

        Assert.Equal("email-message", path.ObjectType);
        PathComponent[] expected =
        [
            new PropertyComponent("body_multipart"), AnyIndexComponent.Instance, new PropertyComponent("body_raw_ref"),
            new PropertyComponent("extensions"), new PropertyComponent("x-ext"), new PropertyComponent("list"), new IndexComponent(2),
        ];
        Assert.Equal(expected, path.Components);
        Assert.True(((PropertyComponent)path.Components[2]).IsReference);
        Assert.Equal("email-message:body_multipart[*].body_raw_ref.extensions.'x-ext'.list[2]", path.ToString());
    }

    [Fact]
    public void Parse_Exists_IsItsOwnComparison()
    {
        Assert.Equal(new ExistsComparison(Path("windows-registry-key", "values"), Negated: true),
            Comparison("[NOT EXISTS windows-registry-key:values]"));
    }

    [Theory]
    [InlineData(@"'it\'s a \\ test'", "it's a \\ test")]
    [InlineData("''", "")]
    [InlineData(@"'C:\\Windows\\System32'", @"C:\Windows\System32")]
    public void Parse_StringConstant_IsUnescaped(string literal, string value)
    {
        Assert.Equal(new StringConstant(value), Value($"[x:y = {literal}]"));
    }

    [Fact]
    public void Parse_Constants_HaveTheirValues()
    {
        Assert.Equal(new IntegerConstant(-42), Value("[x:y = -42]"));
        Assert.Equal(new IntegerConstant(9007199254740991), Value("[x:y = 9007199254740991]"));
        Assert.Equal(new FloatConstant(-0.25), Value("[x:y = -.25]"));
        Assert.Equal(new BooleanConstant(true), Value("[x:y = true]"));
        Assert.Equal(new HexConstant(ImmutableArray.Create<byte>(0xff, 0xd8)), Value("[x:y = h'FfD8']"));
        Assert.Equal(new BinaryConstant(ImmutableArray.Create("this is a test"u8.ToArray())), Value("[x:y = b'dGhpcyBpcyBhIHRlc3Q=']"));
        Assert.Equal(new TimestampConstant("2014-01-13T07:03:17Z"), Value("[x:y = t'2014-01-13T07:03:17Z']"));
    }

    [Theory]
    [InlineData("2024-02-29T12:00:00Z", true)]
    [InlineData("2024-02-30T12:00:00Z", false)]
    [InlineData("2016-12-31T23:59:60Z", false)]
    [InlineData("2016-12-31T23:59:59.1234567891Z", true)]
    public void Parse_TimestampConstant_HasAnInstantOnlyWhenTheDateExists(string text, bool exists)
    {
        var timestamp = Assert.IsType<TimestampConstant>(Value($"[x:y = t'{text}']"));

        Assert.Equal(exists, timestamp.Instant is not null);
    }

    [Fact]
    public void Parse_SamePatternTwice_GivesEqualTrees()
    {
        const string Text = "([a:b IN (1, 2.5) AND a:c[*].d = h'00'] OR [e:f = b'AA==']) WITHIN 5 SECONDS";

        var first = Parse(Text);
        var second = Parse(Text);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, Parse(Text.Replace("2.5", "2.6", StringComparison.Ordinal)));
    }

    private static Pattern Parse(string text)
    {
        var result = StixPattern.Parse(text);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value;
    }

    private static ComparisonExpression Comparison(string text) =>
        Assert.IsType<BracketedObservation>(Parse(text).Expression).Comparison;

    private static Constant Value(string text) => Assert.IsType<PropertyComparison>(Comparison(text)).Value;

    private static ObjectPath Path(string type, string property) => new(type, ImmutableArray.Create<PathComponent>(new PropertyComponent(property)));
}
