using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using CyDef.Sharing.Markings;
using static CyDef.Federation.Tests.Objects;

namespace CyDef.Federation.Tests;

/// <summary>An administrator's deletion told over the change-notice stream, and followed by the peers that had the version from this node.</summary>
public sealed class DeletionTests
{
    [Fact]
    public async Task Stream_TellsOfDeletionsOfWhatTheViewerWasAllowed_FromTheAskedPosition()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        await a.PublishAsync(Clear(1, OrgA), Indicator(2, OrgA, CyDefMarkings.TlpAmber), Clear(3, OrgA));
        foreach (var n in new[] { 1, 2, 3 })
        {
            await DeleteAsync(a, Id(n));
        }

        var (response, events) = await OpenAsync(a, "b-key", "?deletions_after=0");
        using (response)
        {
            var told = new List<DeletionNotice>();
            while (told.Count == 0 || told[^1].Id != Id(3))
            {
                told.Add(await NextDeletedAsync(events));
            }

            // The AMBER indicator was never b's to see: neither is its deletion.
            Assert.Equal([Id(1), Id(3)], told.Select(d => d.Id));
            Assert.All(told, d => Assert.Equal("2026-01-01T00:00:00.000Z", d.Modified));
            Assert.True(told[0].Position < told[1].Position);
        }

        // From a later position, only what follows it.
        var (later, rest) = await OpenAsync(a, "b-key", "?deletions_after=1");
        using (later)
        {
            Assert.Equal(Id(3), (await NextDeletedAsync(rest)).Id);
        }
    }

    [Theory]
    [InlineData("?deletions_after=-1")]
    [InlineData("?deletions_after=soon")]
    public async Task Stream_BadDeletionPosition_ProblemDetails(string query)
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        using var request = new HttpRequestMessage(HttpMethod.Get, FederationPaths.ChangeStream + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "b-key");
        using var response = await a.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pull_PeerDeletesWhatItSent_DeletedHere_OwnCopyKept(bool objects)
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, "PollSeconds=600", $"Objects={objects}"));

        // b holds its own copy of 3 (published there first); 1 and 2 come from a.
        await b.PublishAsync(Clear(3, OrgA));
        await a.PublishAsync(Clear(1, OrgA), Clear(2, OrgA), Clear(3, OrgA));
        await b.WaitForAsync(Id(1));
        await b.WaitForAsync(Id(2));

        await DeleteAsync(a, Id(1));
        await DeleteAsync(a, Id(3));
        await WaitGoneAsync(b, Id(1));

        await AssertOneDeletedRestKeptAsync(b, await WaitForDeletionsAsync(b, 2));

        // A deleted version is not brought back by a later pull (b keeps its tombstone).
        await a.PublishAsync(Clear(4, OrgA));
        await b.WaitForAsync(Id(4));
        Assert.Null(await b.GetAsync(Id(1)));
    }

    [Fact]
    public async Task Push_DeletionOfWhatThePeerWasAllowed_DeletedThere_DeniedOnesUntold()
    {
        // b pushes to a (a's key for b). a's own copies of 3 and of the RED 4 stay; had b told a of 4, a would log it.
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        await using var b = await TestNode.StartAsync(OrgB, TestNode.Peer(0, "a", a, "b-key", OrgA, "Mode=Push", "Communities:0=community--test"));
        await a.PublishAsync(Clear(3, OrgB), Indicator(4, OrgB, CyDefMarkings.TlpRed));
        await b.PublishAsync(Clear(1, OrgB), Clear(2, OrgB), Clear(3, OrgB), Indicator(4, OrgB, CyDefMarkings.TlpRed));
        await a.WaitForAsync(Id(1));
        await a.WaitForAsync(Id(2));

        foreach (var n in new[] { 1, 3, 4 })
        {
            await DeleteAsync(b, Id(n));
        }

        await WaitGoneAsync(a, Id(1));

        await AssertOneDeletedRestKeptAsync(a, await WaitForDeletionsAsync(b, 3));
        Assert.DoesNotContain(a.Logs.Lines, m => m.Contains(Id(4), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushedDeletions_FromAKeyThatIsNotAPeer_OrNotAList_Refused()
    {
        await using var a = await TestNode.StartAsync(OrgA, TestNode.PeerKey(1, "b-key", OrgB));
        await a.PublishAsync(Clear(1, OrgA));
        using var asAdmin = new StringContent(ChangeNotice.WriteDeletions([new DeletionNotice(Id(1), "2026-01-01T00:00:00.000Z", 1)]), System.Text.Encoding.UTF8, "application/json");
        using var admin = await a.Http.PostAsync(FederationPaths.Deletions, asAdmin);

        using var http = new HttpClient { BaseAddress = a.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "b-key");
        using var bad = new StringContent("{\"deletions\":[{\"id\":\"x\"}]}", System.Text.Encoding.UTF8, "application/json");
        using var refused = await http.PostAsync(FederationPaths.Deletions, bad);

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("$.deletions[0]", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await a.GetAsync(Id(1)));
    }

    // 1 went; 2 (never deleted) and the holder's own copy of 3 stayed, the refusal logged.
    private static async Task AssertOneDeletedRestKeptAsync(TestNode holder, PeerState link)
    {
        Assert.NotNull(await holder.GetAsync(Id(2)));
        Assert.NotNull(await holder.GetAsync(Id(3)));
        Assert.Equal(1, link.Deleted);
        Assert.Contains(holder.Logs.Lines, m => m.Contains(Id(3), StringComparison.Ordinal) && m.Contains("did not have from it", StringComparison.Ordinal));
    }

    private static async Task WaitGoneAsync(TestNode node, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await node.GetAsync(id) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} is still held after its deletion at the peer");
            await Task.Delay(50);
        }
    }

    private static async Task<PeerState> WaitForDeletionsAsync(TestNode node, long position)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = Assert.Single(await node.Service<FederationService>().StatusAsync()).State;
            if (state.Deletions >= position)
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the link applied deletions up to {state.Deletions}, not {position}");
            await Task.Delay(50);
        }
    }

    private static async Task DeleteAsync(TestNode node, string id)
    {
        using var response = await node.Http.DeleteAsync($"/cydef/collections/default/objects/{id}/?match[version]=all");
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(HttpResponseMessage Response, IAsyncEnumerator<SseItem<string>> Events)> OpenAsync(TestNode node, string key, string query)
    {
        var http = new HttpClient { BaseAddress = node.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await http.GetAsync(FederationPaths.ChangeStream + query, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync();
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);
        return (response, events);
    }

    private static async Task<DeletionNotice> NextDeletedAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == ChangeNotice.DeletedEvent)
            {
                return ChangeNotice.ReadDeleted(events.Current.Data) ?? throw new InvalidOperationException("unreadable deleted event: " + events.Current.Data);
            }
        }

        throw new InvalidOperationException("the stream ended");
    }
}
