using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using CyDef.Sharing.Markings;
using static CyDef.Federation.Tests.Objects;

namespace CyDef.Federation.Tests;

/// <summary>The change-notice stream that carries the versions themselves, and the pull link that takes them.</summary>
public sealed class CarriedObjectsTests
{
    [Fact]
    public async Task Stream_OnTheDefaultCollection_CarriesExactlyWhatThePeerMayHave_FollowingOn()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        using var http = new HttpClient { BaseAddress = a.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "b-key");
        using var response = await http.GetAsync(FederationPaths.ChangeStream + "?api_root=cydef&collection=default", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);

        await a.PublishAsync(Clear(1, OrgA), Indicator(2, OrgA, CyDefMarkings.TlpAmber), Clear(3, OrgA));
        var carried = await NextObjectsAsync(events);
        var manifest = await a.ManifestAsync();

        Assert.Equal([Id(1), Id(3)], carried.Objects.Select(o => o["id"]!.AsString()).Order());
        Assert.True(carried.Follows);
        Assert.Equal(manifest[Id(3)], carried.Last); // the last version read: 3 was published after 2
        Assert.True(carried.After < manifest[Id(1)]);

        // The next event follows on from this one's last version.
        await a.PublishAsync(Clear(4, OrgA));
        var next = await NextObjectsAsync(events);
        Assert.Equal([Id(4)], next.Objects.Select(o => o["id"]!.AsString()));
        Assert.Equal(carried.Last, next.After);
        Assert.True(next.FollowsOn(carried.Last));
        Assert.False(next.FollowsOn(carried.After));
    }

    [Theory]
    [InlineData("?api_root=cydef&collection=nope", HttpStatusCode.NotFound)]
    [InlineData("?api_root=nope&collection=default", HttpStatusCode.NotFound)]
    [InlineData("?collection=default", HttpStatusCode.BadRequest)]
    public async Task Stream_UnknownOrHalfNamedCollection_ProblemDetails(string query, HttpStatusCode expected)
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        using var request = new HttpRequestMessage(HttpMethod.Get, FederationPaths.ChangeStream + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "b-key");
        using var response = await a.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pull_WithOrWithoutCarriedObjects_SameVersionsArrive(bool objects)
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, "PollSeconds=600", $"Objects={objects}"));
        await WaitConnectedAsync(b);

        for (var n = 1; n <= 6; n++)
        {
            await a.PublishAsync(n % 3 == 0 ? Indicator(n, OrgA, CyDefMarkings.TlpAmber) : Clear(n, OrgA));
            await b.WaitForAsync(Id(n % 3 == 0 ? n - 1 : n));
        }

        await b.WaitForAsync(Id(5));
        Assert.Null(await b.GetAsync(Id(3)));
        Assert.Null(await b.GetAsync(Id(6)));
        var state = Assert.Single(await b.Service<FederationService>().StatusAsync()).State;
        Assert.Equal(5, state.Received); // four CLEAR indicators and a's identity
        if (objects)
        {
            Assert.True(state.Carried > 0, "the stream carried none of the versions");
        }
        else
        {
            Assert.Equal(0, state.Carried);
        }
    }

    private static async Task<CarriedObjects> NextObjectsAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == ChangeNotice.ObjectsEvent)
            {
                return ChangeNotice.ReadObjects(events.Current.Data) ?? throw new InvalidOperationException("unreadable objects event: " + events.Current.Data);
            }
        }

        throw new InvalidOperationException("the stream ended");
    }

    private static async Task WaitConnectedAsync(TestNode node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Assert.Single(await node.Service<FederationService>().StatusAsync()).Connected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
