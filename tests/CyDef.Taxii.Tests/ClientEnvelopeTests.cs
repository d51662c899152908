using System.Net;
using System.Text;
using CyDef.Taxii.Client;

namespace CyDef.Taxii.Tests;

/// <summary>
/// The client's reading of envelopes other servers may write: members in any order, unknown members, escapes, large
/// pages; and answers that are not envelopes. The server answers with fixed bodies (the client against CyDef's own
/// server is <see cref="ClientTests"/>).
/// </summary>
public sealed class ClientEnvelopeTests
{
    private static readonly Uri Root = new("http://127.0.0.1/api/");

    [Fact]
    public async Task GetObjectsPage_MembersInAnyOrderAndUnknownOnes_ReadLikeTheWholeEnvelope()
    {
        var objects = Enumerable.Range(0, 3).Select(i => Stix.Indicator(i)).ToArray();
        var body = $$"""{"x_vendor":{"nested":[1,{"more":false}]},"objects":[{{string.Join(",", objects)}}],"next":"ab\u0063","more":true}""";

        var page = await Client(body).GetObjectsPageAsync(Root, "default");

        Assert.True(page.More);
        Assert.Equal("abc", page.Next);
        Assert.Equal(objects.Select(o => Stix.Parse(o)["id"]!.GetString()), page.Objects.Select(o => o["id"]!.GetString()));
        Assert.All(page.Objects.Zip(objects), pair => Assert.True(pair.First.DeepEquals(Stix.Parse(pair.Second))));
    }

    [Fact]
    public async Task GetObjectsPage_ThousandsOfObjects_EachReadWhole()
    {
        var objects = Enumerable.Range(0, 5000).Select(i => Stix.Indicator(i)).ToArray();
        var body = $$"""{"more":false,"objects":[{{string.Join(",", objects)}}]}""";

        var page = await Client(body, contentLength: false).GetObjectsPageAsync(Root, "default");

        Assert.False(page.More);
        Assert.Null(page.Next);
        Assert.Equal(5000, page.Objects.Count);
        Assert.True(page.Objects[4999].DeepEquals(Stix.Parse(objects[4999])));
    }

    [Theory]
    [InlineData("""[{"type":"indicator"}]""", "not an envelope")]
    [InlineData("""{"objects":[{"type":"indicator"}],"objects":[]}""", "duplicate key 'objects'")]
    [InlineData("""{"objects":[{"type":"indicator","type":"x"}]}""", "duplicate key 'type'")]
    [InlineData("""{"objects":[{"type":"indicator"}""", "not an envelope")]
    [InlineData("""{"more":true} {}""", "not an envelope")]
    public async Task GetObjectsPage_NotAnEnvelope_TaxiiExceptionSaysWhy(string body, string why)
    {
        var error = await Assert.ThrowsAsync<TaxiiException>(() => Client(body).GetObjectsPageAsync(Root, "default"));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    private static TaxiiClient Client(string body, bool contentLength = true) =>
        new(new HttpClient(new FixedAnswer(Encoding.UTF8.GetBytes(body), contentLength)) { BaseAddress = Root });

    private sealed class FixedAnswer(byte[] body, bool contentLength) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Without a length, the body arrives as a stream of unknown size, as a chunked answer does.
            HttpContent content = contentLength ? new ByteArrayContent(body) : new StreamContent(new UnknownLength(body));
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(TaxiiMediaTypes.Taxii21);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    private sealed class UnknownLength(byte[] body) : MemoryStream(body)
    {
        public override bool CanSeek => false;
    }
}
