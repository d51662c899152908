using CyDef.Storage.Internal;

namespace CyDef.Storage.Tests;

public sealed class PatternValuesTests
{
    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.1']", "Ipv4:198.51.100.1")]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", "Ipv4:198.51.100.0/24")]
    [InlineData("[domain-name:value IN ('A.example', 'b.example')]", "DomainName:a.example DomainName:b.example")]
    [InlineData("[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E' AND file:name = 'x.exe']", "Hash:d41d8cd98f00b204e9800998ecf8427e FileName:x.exe")]
    [InlineData("[network-traffic:dst_ref.value = '2001:db8::1'] FOLLOWEDBY [url:value = 'http://a.example/'] WITHIN 60 SECONDS", "Ipv6:2001:db8::1 Url:http://a.example/")]
    [InlineData("[email-message:from_ref.value = 'Boss@Example.org']", "EmailAddress:boss@example.org")]
    [InlineData("[ipv4-addr:value != '198.51.100.1']", "")]
    [InlineData("[domain-name:value LIKE '%.example']", "")]
    [InlineData("NOT A PATTERN", "")]
    public void FromPattern_LiteralComparisons_YieldTheirValues(string pattern, string expected)
    {
        var values = new List<Observable>();

        PatternValues.FromPattern(pattern, values);

        Assert.Equal(expected, string.Join(' ', values.Select(v => $"{v.Kind}:{v.Value}")));
    }
}
