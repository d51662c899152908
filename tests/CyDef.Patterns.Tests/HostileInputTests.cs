namespace CyDef.Patterns.Tests;

/// <summary>Input meant to hurt a parser: deep nesting, long chains, long constants, truncations. No exceptions, no stack overflow.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData("(", ")", "[x:y = 1]")]
    [InlineData("[", "]", "x:y = 1", true)]
    public void Parse_NestingDeeperThanTheLimit_IsAnErrorNotAStackOverflow(string open, string close, string inner, bool comparison = false)
    {
        const int Depth = 100_000;
        var text = comparison
            ? open + new string('(', Depth) + inner + new string(')', Depth) + close
            : string.Concat(Enumerable.Repeat(open, Depth)) + inner + string.Concat(Enumerable.Repeat(close, Depth));

        var error = StixPattern.Parse(text).Error;

        Assert.NotNull(error);
        Assert.Equal(PatternErrorKind.Limit, error.Kind);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_IsAccepted()
    {
        var text = new string('(', StixPattern.MaxDepth) + "[x:y = 1]" + new string(')', StixPattern.MaxDepth);

        Assert.True(StixPattern.Parse(text).Success);
    }

    [Theory]
    [InlineData(" AND ")]
    [InlineData(" OR ")]
    [InlineData(" FOLLOWEDBY ")]
    public void Parse_LongObservationChain_IsOneFlatNode(string separator)
    {
        const int Count = 50_000;
        var text = string.Join(separator, Enumerable.Repeat("[x:y = 1]", Count));

        var pattern = StixPattern.Parse(text);

        Assert.True(pattern.Success, pattern.Error?.ToString());
        Assert.Equal(Count, Assert.IsType<CompositeObservation>(pattern.Value.Expression).Operands.Count);
        Assert.Equal(text, pattern.Value.ToString());
    }

    [Fact]
    public void Parse_LongComparisonChainAndLongQualifierChain_Succeed()
    {
        var comparisons = "[" + string.Join(" AND ", Enumerable.Repeat("x:y = 1", 50_000)) + "]";
        var qualifiers = "([x:y = 1])" + string.Concat(Enumerable.Repeat(" WITHIN 1 SECONDS", 50_000));

        Assert.True(StixPattern.Parse(comparisons).Success);
        var qualified = StixPattern.Parse(qualifiers);
        Assert.True(qualified.Success);
        Assert.Equal(qualifiers, qualified.Value.ToString());
    }

    [Theory]
    [InlineData("'")]
    [InlineData("t'")]
    [InlineData("h'")]
    [InlineData("/*")]
    [InlineData("\\")]
    [InlineData("-")]
    public void Parse_ManyUnclosedTokens_FailsQuickly(string token)
    {
        // Each would be rescanned to the end by a naive lexer; this one stops at the first error.
        var text = "[x:y = " + string.Concat(Enumerable.Repeat(token, 200_000));

        Assert.False(StixPattern.Parse(text).Success);
    }

    [Fact]
    public void Parse_HugeConstants_Succeed()
    {
        var text = "[x:y = '" + new string('a', 1_000_000) + "' OR x:z = h'" + new string('f', 1_000_000) + "']";

        Assert.True(StixPattern.Parse(text).Success);
    }

    [Fact]
    public void Parse_EveryPrefixAndEveryDeletionOfTheSpecExamples_NeverThrows()
    {
        foreach (var example in PatternCorpus.SpecExamples)
        {
            for (var length = 0; length <= example.Length; length++)
            {
                _ = StixPattern.Parse(example[..length]);
                if (length < example.Length)
                {
                    _ = StixPattern.Parse(example.Remove(length, 1));
                }
            }
        }
    }

    [Fact]
    public void Parse_EveryCharacterAfterAValidPrefix_NeverThrows()
    {
        for (var c = 0; c <= 0x3000; c++)
        {
            _ = StixPattern.Parse("[x:y = 1" + (char)c + "]");
            _ = StixPattern.Parse("[x:y" + (char)c);
        }
    }
}
