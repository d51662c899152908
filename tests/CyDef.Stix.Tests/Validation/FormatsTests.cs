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
}
