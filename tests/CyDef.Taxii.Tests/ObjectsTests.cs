using System.Net.Http.Headers;

namespace CyDef.Taxii.Tests;

public sealed class ObjectsTests : IAsyncLifetime
{
    private TaxiiTestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TaxiiTestServer.StartAsync(o => o.MaxPageSize = 50);
        _client = _server.Client();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Objects => _server.CollectionPath + "objects/";

    [Fact]
    public async Task GetObjects_Empty_EmptyEnvelopeWithoutDateHeaders()
    {
        var response = await _client.GetAsync(Objects);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("X-TAXII-Date-Added-First"));
    }

    [Fact]
    public async Task GetObjects_AfterPost_ObjectsAsPostedWithDateHeaders()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1), Stix.Malware());

        var response = await _client.GetAsync(Objects);
        var body = await Stix.JsonAsync(response);

        Assert.Equal([Stix.IndicatorId(1), "malware--00000000-0000-4000-8000-0000000000aa"], Stix.Ids(body));
        Assert.False(body.GetProperty("more").GetBoolean());
        Assert.False(body.TryGetProperty("next", out _));
        var first = response.Headers.GetValues("X-TAXII-Date-Added-First").Single();
        var last = response.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", first);
        Assert.True(string.CompareOrdinal(first, last) < 0);
        Assert.Equal("Poison Ivy", body.GetProperty("objects")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetObjects_Paged_EveryObjectOnceInOrder()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Enumerable.Range(0, 23).Select(i => Stix.Indicator(i)).ToArray());
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var body = await Stix.JsonAsync(await _client.GetAsync(Objects + "?limit=10" + (next is null ? "" : "&next=" + next)));
            seen.AddRange(Stix.Ids(body));
            next = body.TryGetProperty("next", out var token) ? token.GetString() : null;
            Assert.Equal(next is not null, body.GetProperty("more").GetBoolean());
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 23).Select(Stix.IndicatorId), seen);
    }

    [Fact]
    public async Task GetObjects_LimitAboveServerMaximum_ServerMaximum()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Enumerable.Range(0, 60).Select(i => Stix.Indicator(i)).ToArray());

        var body = await Stix.JsonAsync(await _client.GetAsync(Objects + "?limit=1000"));

        Assert.Equal(50, Stix.Ids(body).Count);
        Assert.True(body.GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task GetObjects_NextWithChangedFilter_400()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Enumerable.Range(0, 5).Select(i => Stix.Indicator(i)).ToArray());
        var first = await Stix.JsonAsync(await _client.GetAsync(Objects + "?match[version]=all&limit=2"));
        var next = first.GetProperty("next").GetString();

        var sameQuery = await _client.GetAsync(Objects + "?match[version]=all&limit=2&next=" + next);
        var changed = await _client.GetAsync(Objects + "?match[version]=first&limit=2&next=" + next);

        Assert.Equal(200, (int)sameQuery.StatusCode);
        await Stix.AssertErrorAsync(changed, 400);
    }

    [Theory]
    [InlineData("next=not-a-token")]
    [InlineData("next=")]
    [InlineData("limit=0")]
    [InlineData("limit=-20")]
    [InlineData("limit=ten")]
    [InlineData("added_after=yesterday")]
    [InlineData("match[id]=not-an-id")]
    [InlineData("match[type]=Not_A_Type")]
    [InlineData("match[version]=newest")]
    [InlineData("match[spec_version]=two")]
    [InlineData("match[colour]=red")]
    [InlineData("sort=asc")]
    [InlineData("match[type]=indicator&match[type]=malware")]
    public async Task GetObjects_BadParameter_400ErrorResource(string query) =>
        await Stix.AssertErrorAsync(await _client.GetAsync(Objects + "?" + query), 400);

    [Fact]
    public async Task GetObjects_MatchType_OnlyThatType()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1), Stix.Malware(), Stix.Indicator(2));

        var body = await Stix.JsonAsync(await _client.GetAsync(Objects + "?match[type]=malware"));

        Assert.Equal(["malware--00000000-0000-4000-8000-0000000000aa"], Stix.Ids(body));
    }

    [Fact]
    public async Task GetObjects_MatchIdList_EitherId()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1), Stix.Indicator(2), Stix.Indicator(3));

        var body = await Stix.JsonAsync(await _client.GetAsync(Objects + $"?match[id]={Stix.IndicatorId(3)},{Stix.IndicatorId(1)}"));

        Assert.Equal([Stix.IndicatorId(1), Stix.IndicatorId(3)], Stix.Ids(body));
    }

    [Theory]
    [InlineData("", new[] { "2024-03-01T00:00:00.000Z" })]
    [InlineData("?match[version]=last", new[] { "2024-03-01T00:00:00.000Z" })]
    [InlineData("?match[version]=first", new[] { "2024-01-01T00:00:00.000Z" })]
    [InlineData("?match[version]=all", new[] { "2024-01-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z" })]
    [InlineData("?match[version]=2024-02-01T00:00:00.000Z", new[] { "2024-02-01T00:00:00.000Z" })]
    [InlineData("?match[version]=first,2024-02-01T00:00:00Z", new[] { "2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z" })]
    [InlineData("?match[spec_version]=2.0", new string[0])]
    [InlineData("?match[spec_version]=2.0,2.1", new[] { "2024-03-01T00:00:00.000Z" })]
    public async Task GetObjects_VersionFilters_TheSelectedVersionsInDateAddedOrder(string query, string[] modified)
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1, "2024-01-01T00:00:00.000Z"), Stix.Indicator(1, "2024-03-01T00:00:00.000Z"), Stix.Indicator(1, "2024-02-01T00:00:00.000Z"));

        var body = await Stix.JsonAsync(await _client.GetAsync(Objects + query));

        var found = body.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("modified").GetString()).ToArray() : [];
        Assert.Equal(modified, found);
    }

    [Fact]
    public async Task GetObjects_AddedAfterLastHeader_OnlyLaterObjects()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1), Stix.Indicator(2));
        var first = await _client.GetAsync(Objects);
        var last = first.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(3));

        var body = await Stix.JsonAsync(await _client.GetAsync(Objects + "?added_after=" + last));

        Assert.Equal([Stix.IndicatorId(3)], Stix.Ids(body));
    }

    [Fact]
    public async Task GetObjects_AddedAfterWithNext_PagesOnFromTheCursor()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Enumerable.Range(0, 7).Select(i => Stix.Indicator(i)).ToArray());
        var firstTwo = await _client.GetAsync(Objects + "?limit=2");
        var after = firstTwo.Headers.GetValues("X-TAXII-Date-Added-Last").Single();

        var page1 = await Stix.JsonAsync(await _client.GetAsync(Objects + "?limit=2&added_after=" + after));
        var page2 = await Stix.JsonAsync(await _client.GetAsync(Objects + "?limit=2&added_after=" + after + "&next=" + page1.GetProperty("next").GetString()));
        var page3 = await Stix.JsonAsync(await _client.GetAsync(Objects + "?limit=2&added_after=" + after + "&next=" + page2.GetProperty("next").GetString()));

        Assert.Equal([Stix.IndicatorId(2), Stix.IndicatorId(3)], Stix.Ids(page1));
        Assert.Equal([Stix.IndicatorId(4), Stix.IndicatorId(5)], Stix.Ids(page2));
        Assert.Equal([Stix.IndicatorId(6)], Stix.Ids(page3));
        Assert.False(page3.GetProperty("more").GetBoolean());
    }

    [Theory]
    [InlineData("application/stix+json;version=2.1")]
    [InlineData("application/taxii+json;version=2.0")]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task GetObjects_UnacceptableAccept_406ErrorResource(string accept)
    {
        var client = _server.Client();
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);

        var response = await client.GetAsync(Objects);

        Assert.Equal(406, (int)response.StatusCode);
        Assert.Equal(TaxiiMediaTypes.Taxii21, Stix.ContentType(response));
    }

    [Theory]
    [InlineData("application/taxii+json")]
    [InlineData("application/taxii+json;version=2.1")]
    [InlineData("text/html, application/taxii+json;version=2.1;q=0.5")]
    [InlineData("*/*")]
    public async Task GetObjects_AcceptableAccept_200(string accept)
    {
        var client = _server.Client();
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);

        Assert.Equal(200, (int)(await client.GetAsync(Objects)).StatusCode);
    }

    [Fact]
    public async Task GetManifest_Versions_RecordsWithDateAddedVersionAndMediaType()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1, "2024-01-01T00:00:00.000Z"), Stix.Indicator(1, "2024-02-01T00:00:00.000Z"));
        var objects = await _client.GetAsync(Objects + "?match[version]=all");

        var response = await _client.GetAsync(_server.CollectionPath + "manifest/?match[version]=all");
        var body = await Stix.JsonAsync(response);

        var records = body.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z"], records.Select(r => r.GetProperty("version").GetString()));
        Assert.All(records, r => Assert.Equal(TaxiiMediaTypes.Stix21, r.GetProperty("media_type").GetString()));
        Assert.Equal(objects.Headers.GetValues("X-TAXII-Date-Added-First").Single(), records[0].GetProperty("date_added").GetString());
        Assert.Equal(response.Headers.GetValues("X-TAXII-Date-Added-Last").Single(), records[1].GetProperty("date_added").GetString());
    }

    [Fact]
    public async Task GetManifest_Paged_NextAndMore()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1), Stix.Indicator(2), Stix.Indicator(3));

        var first = await Stix.JsonAsync(await _client.GetAsync(_server.CollectionPath + "manifest/?limit=2"));
        var second = await Stix.JsonAsync(await _client.GetAsync(_server.CollectionPath + "manifest/?limit=2&next=" + first.GetProperty("next").GetString()));

        Assert.True(first.GetProperty("more").GetBoolean());
        Assert.Equal(2, first.GetProperty("objects").GetArrayLength());
        Assert.False(second.GetProperty("more").GetBoolean());
        Assert.Equal(Stix.IndicatorId(3), second.GetProperty("objects")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetManifest_NextOfObjectsEndpoint_400()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1), Stix.Indicator(2));
        var objects = await Stix.JsonAsync(await _client.GetAsync(Objects + "?limit=1"));

        var response = await _client.GetAsync(_server.CollectionPath + "manifest/?limit=1&next=" + objects.GetProperty("next").GetString());

        await Stix.AssertErrorAsync(response, 400);
    }

    [Fact]
    public async Task GetObjects_UnknownCollection_404()
    {
        var response = await _client.GetAsync("/cydef/collections/12345678-1234-1234-1234-123456789012/objects/");

        await Stix.AssertErrorAsync(response, 404);
        Assert.Null(response.Headers.WwwAuthenticate.FirstOrDefault());
    }

    [Fact]
    public async Task GetObjects_NoAcceptHeader_200()
    {
        var client = _server.RawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TaxiiTestServer.AdminKey);

        Assert.Equal(200, (int)(await client.GetAsync(Objects)).StatusCode);
    }
}
