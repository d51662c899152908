using System.Globalization;
using CsCheck;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Tests;

/// <summary>Exact-value patterns: which patterns are, and that looking their values up agrees with the evaluator.</summary>
public sealed class ExactValuesTests
{
    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.7']", "ipv4-addr|ipv4-addr:value|198.51.100.7")]
    [InlineData("[domain-name:value IN ('a.test', 'b.test')]", "domain-name|domain-name:value|a.test;domain-name|domain-name:value|b.test")]
    [InlineData("[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' OR url:value = 'http://x/']", "file|file:hashes.'SHA-256'|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855;url|url:value|http://x/")]
    [InlineData("[network-traffic:dst_ref.value = '10.0.0.1']", "network-traffic|network-traffic:dst_ref.value|10.0.0.1")]
    [InlineData("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']", "file|file:hashes.MD5|d41d8cd98f00b204e9800998ecf8427e")]
    public void TryGet_ExactValuePattern_ReturnsItsValues(string text, string expected)
    {
        Assert.True(ExactValues.TryGet(StixPattern.Parse(text).Value!, out var values));
        Assert.Equal(expected, string.Join(";", values.Select(v => $"{v.ObjectType}|{v.Path}|{v.Value}")));
    }

    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.7'] REPEATS 2 TIMES")]
    [InlineData("[ipv4-addr:value = '1.2.3.4'] OR [domain-name:value = 'a']")]
    [InlineData("[ipv4-addr:value != '198.51.100.7']")]
    [InlineData("[ipv4-addr:value NOT IN ('1.2.3.4')]")]
    [InlineData("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")]
    [InlineData("[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = 443]")]
    [InlineData("[network-traffic:dst_port = 443]")]
    [InlineData("[artifact:payload_bin = 'aGk=']")]
    [InlineData("[domain-name:value LIKE '%.test']")]
    public void TryGet_OtherPattern_ReturnsFalse(string text) =>
        Assert.False(ExactValues.TryGet(StixPattern.Parse(text).Value!, out _));

    /// <summary>
    /// For every exact-value pattern among random ones, the evaluator's answer on random observed data equals "one of
    /// its values, as a single equality, matches": the decomposition loses and adds nothing.
    /// </summary>
    [Fact]
    public void TryGet_RandomPatterns_ValuesAgreeWithEvaluator()
    {
        var exact = 0;
        Gen.Select(PatternMatcherPropertyTests.Pattern.Array[20, 30], PatternMatcherPropertyTests.ObservedData.Array[1, 3]).Sample(testCase =>
        {
            var (texts, data) = testCase;
            var observations = ObservedDataReader.Read(StixJsonReader.Parse("[" + string.Join(",", data) + "]").GetValueOrThrow()).Observations;
            foreach (var text in texts)
            {
                if (!StixPattern.TryParse(text, out var pattern) || !ExactValues.TryGet(pattern, out var values))
                {
                    continue;
                }

                exact++;
                var expected = new PatternEvaluator(pattern).Evaluate(observations).IsMatch;
                var got = values.Any(v => new PatternEvaluator(StixPattern.Parse($"[{v.Path} = '{v.Value.Replace("'", "\\'", StringComparison.Ordinal)}']").Value!)
                    .Evaluate(observations).IsMatch);
                Assert.True(expected == got, $"{pattern}: evaluator {expected}, values {got}");
            }
        }, iter: 300);
        Assert.True(exact > 100, exact.ToString(CultureInfo.InvariantCulture));
    }
}
