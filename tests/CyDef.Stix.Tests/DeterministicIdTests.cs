using CyDef.Stix.Json;

namespace CyDef.Stix.Tests;

public sealed class DeterministicIdTests
{
    // Examples of STIX 2.1 §2.9 and §6, whose ids were computed with the specification's algorithm.
    [Theory]
    [InlineData("""{"type":"ipv4-addr","value":"198.51.100.3"}""", "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4")]
    public void ForObservable_SpecificationExample_GivesItsId(string json, string expected)
    {
        var value = StixJsonReader.Parse(json).GetValueOrThrow();

        Assert.Equal(expected, DeterministicId.ForObservable(value));
    }

    [Fact]
    public void ForObservable_FileHashes_UsesOnlyThePreferredHash()
    {
        var withMd5 = StixJsonReader.Parse("""{"type":"file","hashes":{"SHA-256":"aa","MD5":"bb"},"name":"x"}""").GetValueOrThrow();
        var md5Only = StixJsonReader.Parse("""{"type":"file","hashes":{"MD5":"bb"},"name":"x"}""").GetValueOrThrow();

        Assert.Equal(DeterministicId.ForObservable(md5Only), DeterministicId.ForObservable(withMd5));
    }

    [Fact]
    public void ForObservable_NoContributingProperty_GivesNull()
    {
        var process = StixJsonReader.Parse("""{"type":"process","pid":4}""").GetValueOrThrow();
        var emptyFile = StixJsonReader.Parse("""{"type":"file","size":4}""").GetValueOrThrow();

        Assert.Null(DeterministicId.ForObservable(process));
        Assert.Null(DeterministicId.ForObservable(emptyFile));
    }

    [Fact]
    public void UuidV5_KnownVector_MatchesRfc4122()
    {
        // RFC 4122 DNS namespace, name "python.org" (the example Python's uuid module documents).
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), DeterministicId.UuidV5(dns, "python.org"));
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), DeterministicId.UuidV5(dns, "python.org"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(496)]
    [InlineData(497)]
    [InlineData(5000)]
    public void UuidV5_NamesOnAndOffTheStack_AreRfc4122(int length)
    {
        // RFC 4122 §4.3 written out: SHA-1 of the namespace's bytes then the name's, version 5, variant 10.
        var space = new Guid("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
        var name = new string('é', length / 2) + new string('x', length % 2);
        var input = space.ToByteArray(bigEndian: true).Concat(System.Text.Encoding.UTF8.GetBytes(name)).ToArray();
        var hash = System.Security.Cryptography.SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);

        Assert.Equal(new Guid(hash.AsSpan(0, 16), bigEndian: true), DeterministicId.UuidV5(space, name));
    }

    [Fact]
    public void Verify_IdThatDoesNotMatch_IsFalse()
    {
        var value = StixJsonReader.Parse("""{"type":"ipv4-addr","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c5","value":"198.51.100.3"}""").GetValueOrThrow();

        Assert.False(DeterministicId.Verify(value));
    }
}
