using CyDef.Taxii.Server;

namespace CyDef.Taxii.Tests;

public sealed class DiscoveryTests : IAsyncLifetime
{
    private TaxiiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await TaxiiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Discovery_FreshNode_ListsTheDefaultApiRoot()
    {
        var response = await _server.Client().GetAsync("/taxii2/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(TaxiiMediaTypes.Taxii21, Stix.ContentType(response));
        var body = await Stix.JsonAsync(response);
        Assert.Equal("http://localhost/cydef/", body.GetProperty("default").GetString());
        Assert.Equal(["http://localhost/cydef/"], body.GetProperty("api_roots").EnumerateArray().Select(e => e.GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task ApiRoot_Known_HasVersionsAndMaxContentLength()
    {
        var body = await Stix.JsonAsync(await _server.Client().GetAsync("/cydef/"));

        Assert.Equal([TaxiiMediaTypes.Taxii21], body.GetProperty("versions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ApiRootRecord.DefaultMaxContentLength, body.GetProperty("max_content_length").GetInt64());
    }

    [Theory]
    [InlineData("/nowhere/")]
    [InlineData("/nowhere/collections/")]
    [InlineData("/nowhere/status/2d086da7-4bdc-4f91-900e-d77486753710/")]
    public async Task ApiRoot_Unknown_404ErrorResource(string path) =>
        await Stix.AssertErrorAsync(await _server.Client().GetAsync(path), 404);

    [Fact]
    public async Task Collections_FreshNode_OneReadWriteDefaultCollection()
    {
        var body = await Stix.JsonAsync(await _server.Client().GetAsync("/cydef/collections/"));

        var collection = Assert.Single(body.GetProperty("collections").EnumerateArray());
        Assert.Equal("default", collection.GetProperty("alias").GetString());
        Assert.True(Guid.TryParse(collection.GetProperty("id").GetString(), out _));
        Assert.True(collection.GetProperty("can_read").GetBoolean());
        Assert.True(collection.GetProperty("can_write").GetBoolean());
        Assert.Equal([TaxiiMediaTypes.Stix21], collection.GetProperty("media_types").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Collections_Reader_CanReadButNotWrite()
    {
        var body = await Stix.JsonAsync(await _server.Client(TaxiiTestServer.ReaderKey).GetAsync("/cydef/collections/"));

        var collection = Assert.Single(body.GetProperty("collections").EnumerateArray());
        Assert.True(collection.GetProperty("can_read").GetBoolean());
        Assert.False(collection.GetProperty("can_write").GetBoolean());
    }

    [Fact]
    public async Task Collection_ByIdAndByAlias_SameCollection()
    {
        var byId = await Stix.JsonAsync(await _server.Client().GetAsync(_server.CollectionPath));
        var byAlias = await Stix.JsonAsync(await _server.Client().GetAsync("/cydef/collections/default/"));

        Assert.Equal(_server.DefaultCollection.Id, byId.GetProperty("id").GetString());
        Assert.Equal(byId.GetProperty("id").GetString(), byAlias.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Collection_Unknown_404ErrorResource() =>
        await Stix.AssertErrorAsync(await _server.Client().GetAsync("/cydef/collections/12345678-1234-1234-1234-123456789012/"), 404);

    [Fact]
    public async Task Collection_WithoutTrailingSlash_Served()
    {
        var response = await _server.Client().GetAsync("/cydef/collections");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Status_Unknown_404ErrorResource() =>
        await Stix.AssertErrorAsync(await _server.Client().GetAsync("/cydef/status/2d086da7-4bdc-4f91-900e-d77486753710/"), 404);

    [Fact]
    public async Task Status_OfAnotherUsersRequest_404()
    {
        var status = await Stix.PostAsync(_server.Client(TaxiiTestServer.WriterKey), _server.CollectionPath, Stix.Indicator(1));
        var path = $"/cydef/status/{status.GetProperty("id").GetString()}/";

        var own = await _server.Client(TaxiiTestServer.WriterKey).GetAsync(path);
        var other = await _server.Client(TaxiiTestServer.ReaderKey).GetAsync(path);
        var admin = await _server.Client().GetAsync(path);

        Assert.Equal(200, (int)own.StatusCode);
        await Stix.AssertErrorAsync(other, 404);
        Assert.Equal(200, (int)admin.StatusCode);
    }

    [Fact]
    public async Task Registry_Reopened_KeepsTheSameCollections()
    {
        var id = _server.DefaultCollection.Id;
        await using var reopened = await CollectionRegistry.OpenAsync(_server.Folder, _server.Store);

        Assert.Equal(id, reopened.FindApiRoot("cydef")!.Collections[0].Id);
    }
}
