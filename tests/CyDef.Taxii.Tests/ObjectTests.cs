namespace CyDef.Taxii.Tests;

public sealed class ObjectTests : IAsyncLifetime
{
    private TaxiiTestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TaxiiTestServer.StartAsync();
        _client = _server.Client();
        await Stix.PostAsync(_client, _server.CollectionPath,
            Stix.Indicator(1, "2024-01-01T00:00:00.000Z"), Stix.Indicator(1, "2024-02-01T00:00:00.000Z"), Stix.Indicator(1, "2024-03-01T00:00:00.000Z"), Stix.Indicator(2));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Object(int n) => $"{_server.CollectionPath}objects/{Stix.IndicatorId(n)}/";

    [Fact]
    public async Task GetObject_NoFilter_NewestVersionWithDateHeaders()
    {
        var response = await _client.GetAsync(Object(1));
        var body = await Stix.JsonAsync(response);

        var only = Assert.Single(body.GetProperty("objects").EnumerateArray());
        Assert.Equal("2024-03-01T00:00:00.000Z", only.GetProperty("modified").GetString());
        Assert.True(response.Headers.Contains("X-TAXII-Date-Added-First"));
    }

    [Fact]
    public async Task GetObject_AllVersionsPaged_TwoPages()
    {
        var first = await Stix.JsonAsync(await _client.GetAsync(Object(1) + "?match[version]=all&limit=2"));
        var second = await Stix.JsonAsync(await _client.GetAsync(Object(1) + "?match[version]=all&limit=2&next=" + first.GetProperty("next").GetString()));

        Assert.Equal(2, first.GetProperty("objects").GetArrayLength());
        Assert.True(first.GetProperty("more").GetBoolean());
        Assert.Equal("2024-03-01T00:00:00.000Z", Assert.Single(second.GetProperty("objects").EnumerateArray()).GetProperty("modified").GetString());
        Assert.False(second.GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task GetObject_Unknown_404() =>
        await Stix.AssertErrorAsync(await _client.GetAsync(Object(99)), 404);

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("indicator--123")]
    [InlineData("Indicator--00000001-0000-4000-8000-000000000000")]
    public async Task GetObject_BadId_400(string id) =>
        await Stix.AssertErrorAsync(await _client.GetAsync($"{_server.CollectionPath}objects/{id}/"), 400);

    [Fact]
    public async Task GetObject_MatchTypeNotAllowedHere_400() =>
        await Stix.AssertErrorAsync(await _client.GetAsync(Object(1) + "?match[type]=indicator"), 400);

    [Fact]
    public async Task GetObject_FilterMatchesNothing_EmptyEnvelope()
    {
        var response = await _client.GetAsync(Object(1) + "?added_after=2999-01-01T00:00:00Z");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetVersions_ThreeVersions_InDateAddedOrder()
    {
        var response = await _client.GetAsync(Object(1) + "versions/");
        var body = await Stix.JsonAsync(response);

        Assert.Equal(["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"], body.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.False(body.GetProperty("more").GetBoolean());
        Assert.True(response.Headers.Contains("X-TAXII-Date-Added-Last"));
    }

    [Fact]
    public async Task GetVersions_Paged_NextToken()
    {
        var first = await Stix.JsonAsync(await _client.GetAsync(Object(1) + "versions/?limit=2"));
        var second = await Stix.JsonAsync(await _client.GetAsync(Object(1) + "versions/?limit=2&next=" + first.GetProperty("next").GetString()));

        Assert.Equal(2, first.GetProperty("versions").GetArrayLength());
        Assert.Equal(["2024-03-01T00:00:00.000Z"], second.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("match[version]=all")]
    [InlineData("match[id]=indicator--00000001-0000-4000-8000-000000000000")]
    public async Task GetVersions_FilterNotAllowedHere_400(string query) =>
        await Stix.AssertErrorAsync(await _client.GetAsync(Object(1) + "versions/?" + query), 400);

    [Fact]
    public async Task GetVersions_Unknown_404() =>
        await Stix.AssertErrorAsync(await _client.GetAsync(Object(99) + "versions/"), 404);

    [Fact]
    public async Task Delete_NoFilter_OnlyTheNewestVersionGoes()
    {
        var response = await _client.DeleteAsync(Object(1));
        var versions = await Stix.JsonAsync(await _client.GetAsync(Object(1) + "versions/"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("2024-02-01T00:00:00.000Z", (await _server.Store.GetAsync(Stix.IndicatorId(1)))!.Modified);
    }

    [Fact]
    public async Task Delete_ExactVersionThenAll_ObjectGone()
    {
        await _client.DeleteAsync(Object(1) + "?match[version]=2024-02-01T00:00:00.000Z");
        var afterOne = await Stix.JsonAsync(await _client.GetAsync(Object(1) + "versions/"));
        await _client.DeleteAsync(Object(1) + "?match[version]=all");

        Assert.Equal(["2024-01-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"], afterOne.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        await Stix.AssertErrorAsync(await _client.GetAsync(Object(1)), 404);
        Assert.NotNull(await _server.Store.GetAsync(Stix.IndicatorId(2)));
    }

    [Fact]
    public async Task Delete_ByWriterWhoIsNotAdministrator_403AndNothingDeleted()
    {
        var response = await _server.Client(TaxiiTestServer.WriterKey).DeleteAsync(Object(1) + "?match[version]=all");

        await Stix.AssertErrorAsync(response, 403);
        Assert.Equal(3, (await _server.Store.GetVersionsAsync(Stix.IndicatorId(1))).Count);
    }

    [Fact]
    public async Task Delete_Unknown_404() =>
        await Stix.AssertErrorAsync(await _client.DeleteAsync(Object(99)), 404);

    [Fact]
    public async Task Delete_BadFilter_400AndNothingDeleted()
    {
        await Stix.AssertErrorAsync(await _client.DeleteAsync(Object(1) + "?limit=1"), 400);

        Assert.Equal(3, (await _server.Store.GetVersionsAsync(Stix.IndicatorId(1))).Count);
    }
}
