using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Stix.Tests.Validation;

public sealed class FormatsTests
{
    [Theory]
    [InlineData("https://reports.example.org/315065.pdf")]
    [InlineData("http://86.134.43.89:8080/gate.php?id=7&x=%2F#top")]
    [InlineData("http://localhost")]
    [InlineData("https://a-b.c0.example/~user/(x)*;=:@!$'+,")]
    public void IsPlainWebUrl_PlainWebUrls_AreAccepted(string url)
    {
        Assert.True(Formats.IsPlainWebUrl(url));
        Assert.True(Formats.IsUrl(url));
    }

    [Theory]
    [InlineData("ftp://files.example.org/a", true)]
    [InlineData("mailto:soc@example.org", true)]
    [InlineData("http://xn--bcher-kva.example/", true)]
    [InlineData("http://256.1.1.1/", true)]
    [InlineData("http://example.org:99999/", false)]
    [InlineData("http://exa mple.org/", false)]
    [InlineData("example.org/path", false)]
    public void IsUrl_FormsThePlainCheckLeavesToUri_AreJudgedByUri(string url, bool valid)
    {
        Assert.False(Formats.IsPlainWebUrl(url));
        Assert.Equal(valid, Formats.IsUrl(url));
    }

    [Fact]
    public void IsUrl_RandomUrls_AsUriJudgesThem()
    {
        // The plain check answers without Uri only for text Uri accepts: over URLs built from plain and odd pieces,
        // IsUrl gives exactly the verdict of Uri alone.
        var random = new Random(3);
        string[] schemes = ["http://", "https://", "HTTP://", "http:/", "ftp://", "http://user@", ""];
        string[] hosts = ["example.org", "a-b.example", "-a.example", "a-.example", "a..b", "1.2.3.4", "1.2.3.256", "01.2.3.4", "1.2.3",
            "localhost", "x", "9abc.org", "abc.9org", "xn--a.org", "[::1]", "ex_ample.org", "éxample.org", "EXAMPLE.ORG", new string('a', 64) + ".org", ""];
        string[] ports = ["", "", ":80", ":0", ":065", ":65535", ":65536", ":", ":8a"];
        string[] pieces = ["/", "a", "Z", "9", "-", ".", "_", "~", "%2F", "%2", "%zz", "?", "#", "&", "=", "+", "!", "$", "'", "(", ")", "*", ",",
            ";", ":", "@", "[", "]", " ", "\\", "\"", "<", "{", "|", "^", "`", "é", "\t", "..", "//"];
        for (var n = 0; n < 50_000; n++)
        {
            var path = string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
            var url = schemes[random.Next(schemes.Length)] + hosts[random.Next(hosts.Length)] + ports[random.Next(ports.Length)] + path;
            var byUri = !url.Any(char.IsWhiteSpace) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme.Length > 0;

            Assert.True(byUri == Formats.IsUrl(url), url);
            Assert.True(byUri || !Formats.IsPlainWebUrl(url), url);
        }
    }

    [Fact]
    public void Formats_TextWithAFinalLineBreak_IsRejected()
    {
        // A regular expression's $ also matches before a final line break: each format is checked to the very end.
        (Func<string, bool> Check, string Valid)[] formats =
        [
            (Formats.IsDictionaryKey, "sha-256_x"),
            (Formats.IsHex, "00ff"),
            (Formats.IsBase64, "AAA="),
            (Formats.IsLanguageTag, "en"),
            (Formats.IsMediaType, "text/plain"),
            (Formats.IsOpenVocabularyTerm, "remote-access"),
            (Formats.IsUrl, "https://example.org/"),
        ];
        foreach (var (check, valid) in formats)
        {
            Assert.True(check(valid), valid);
            Assert.False(check(valid + "\n"), valid + "\\n");
            Assert.False(check(valid[..^1] + "\n"), valid[..^1] + "\\n");
        }
    }

    [Theory]
    [InlineData("MD5", "0123456789abcdef0123456789abcde\\n")]
    [InlineData("SHA-1", "0123456789abcdef0123456789abcdef0123456\\n")]
    [InlineData("TLSH", "T10123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345\\n")]
    public void Validate_HashWithAFinalLineBreak_IsAnError(string algorithm, string hash)
    {
        var report = StixValidator.Validate(StixJsonReader.Parse(
            $$$"""{"type":"file","spec_version":"2.1","id":"file--5a27d487-c6e2-5f4b-8e23-8a0e0c7a5b3f","name":"a.exe","hashes":{"{{{algorithm}}}":"{{{hash}}}"}}""").GetValueOrThrow());

        Assert.Contains(report.Issues, issue => issue.Severity == ValidationSeverity.Error && issue.Path == $"$.hashes.{algorithm}" && issue.Message.Contains("hash", StringComparison.Ordinal));
    }
}
