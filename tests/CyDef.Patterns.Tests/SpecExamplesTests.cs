namespace CyDef.Patterns.Tests;

/// <summary>The 23 example patterns of STIX 2.1 §9.8 (tests/data/patterns/spec_examples.txt).</summary>
public sealed class SpecExamplesTests
{
    public static TheoryData<string> Examples => [.. PatternCorpus.SpecExamples];

    [Fact]
    public void SpecExamples_AreAllThere()
    {
        Assert.Equal(23, PatternCorpus.SpecExamples.Count);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_SpecExample_SucceedsAndRoundTrips(string example)
    {
        var result = StixPattern.Parse(example);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal(result.Value, StixPattern.Parse(result.Value.ToString()).ValueOrNull);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Validator_SpecExample_IsValidStixContent(string example)
    {
        Assert.Null(PatternValidation.Validator(example));
    }
}
