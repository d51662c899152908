using CyDef.Taxii.Client;

namespace CyDef.Taxii.Tests;

/// <summary>The TAXII client against CyDef's server.</summary>
public sealed class ClientTests : IAsyncLifetime
{
    private TaxiiTestServer _server = null!;
    private TaxiiClient _client = null!;
    private Uri _root = null!;

    public async Task InitializeAsync()
    {
        _server = await TaxiiTestServer.StartAsync(o => o.MaxPageSize = 4);
        _client = Client(_server);
        _root = new Uri((await _client.GetDiscoveryAsync()).Default!);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Discovery_ApiRootAndCollections_TheServersResources()
    {
        var discovery = await _client.GetDiscoveryAsync();
        var root = await _client.GetApiRootAsync(_root);
        var collections = await _client.GetCollectionsAsync(_root);
        var collection = await _client.GetCollectionAsync(_root, "default");

        Assert.Equal(["http://localhost/cydef/"], discovery.ApiRoots);
        Assert.Equal([TaxiiMediaTypes.Taxii21], root.Versions);
        Assert.Equal(_server.DefaultCollection.Id, Assert.Single(collections).Id);
        Assert.True(collection.CanWrite);
    }

    [Fact]
    public async Task AddObjectsAndWait_ThenGetObjects_EveryObjectAcrossPages()
    {
        var objects = Enumerable.Range(0, 10).Select(i => Stix.Parse(Stix.Indicator(i))).ToList();

        var status = await _client.AddObjectsAndWaitAsync(_root, "default", objects);
        var read = new List<string>();
        await foreach (var item in _client.GetObjectsAsync(_root, "default", new TaxiiFilter { Limit = 3 }))
        {
            read.Add(item["id"]!.GetString());
        }

        Assert.True(status.IsComplete);
        Assert.Equal(10, status.SuccessCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(Stix.IndicatorId), read);
    }

    [Fact]
    public async Task GetObjectsPage_Filter_MoreNextAndDateHeaders()
    {
        await _client.AddObjectsAndWaitAsync(_root, "default", [Stix.Parse(Stix.Indicator(1)), Stix.Parse(Stix.Malware()), Stix.Parse(Stix.Indicator(2))]);

        var page = await _client.GetObjectsPageAsync(_root, "default", new TaxiiFilter { Types = ["indicator"], Limit = 1 });
        var next = await _client.GetObjectsPageAsync(_root, "default", new TaxiiFilter { Types = ["indicator"], Limit = 1 }, page.Next);

        Assert.True(page.More);
        Assert.Equal(Stix.IndicatorId(1), Assert.Single(page.Objects)["id"]!.GetString());
        Assert.Equal(Stix.IndicatorId(2), Assert.Single(next.Objects)["id"]!.GetString());
        Assert.False(next.More);
        Assert.NotNull(page.DateAddedFirst);
        Assert.True(next.DateAddedFirst > page.DateAddedLast);
    }

    [Fact]
    public async Task ManifestVersionsAndDelete_OneObjectWithTwoVersions()
    {
        await _client.AddObjectsAndWaitAsync(_root, "default", [Stix.Parse(Stix.Indicator(1, "2024-01-01T00:00:00.000Z")), Stix.Parse(Stix.Indicator(1, "2024-02-01T00:00:00.000Z"))]);

        var manifest = await _client.GetManifestAsync(_root, "default", new TaxiiFilter { Versions = ["all"] });
        var versions = await _client.GetVersionsAsync(_root, "default", Stix.IndicatorId(1));
        await _client.DeleteObjectAsync(_root, "default", Stix.IndicatorId(1), new TaxiiFilter { Versions = ["first"] });
        var remaining = await _client.GetObjectAsync(_root, "default", Stix.IndicatorId(1), new TaxiiFilter { Versions = ["all"] });

        Assert.Equal(2, manifest.Objects!.Count);
        Assert.Equal(["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z"], versions.Versions);
        Assert.Equal("2024-02-01T00:00:00.000Z", Assert.Single(remaining.Objects)["modified"]!.GetString());
    }

    [Fact]
    public async Task GetCollection_Unknown_TaxiiExceptionWithTheErrorResource()
    {
        var error = await Assert.ThrowsAsync<TaxiiException>(() => _client.GetCollectionAsync(_root, "nope"));

        Assert.Equal(404, error.Status);
        Assert.Equal("404", error.Error!.HttpStatus);
    }

    [Fact]
    public async Task AddObjects_WrongKey_TaxiiException401()
    {
        var http = _server.RawClient();
        TaxiiClient.UseApiKey(http, "wrong");
        var client = new TaxiiClient(http);

        var error = await Assert.ThrowsAsync<TaxiiException>(() => client.AddObjectsAsync(_root, "default", [Stix.Parse(Stix.Indicator(1))]));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task AddObjectsAndWait_SlowStore_PollsUntilComplete()
    {
        var gate = new TaskCompletionSource();
        await using var server = await TaxiiTestServer.StartAsync(
            o => o.StatusWait = TimeSpan.Zero,
            async (folder, token) => new GatedStore(await Storage.Sqlite.SqliteObjectStore.OpenAsync(folder, token), gate.Task));
        var client = Client(server);
        var root = new Uri((await client.GetDiscoveryAsync()).Default!);

        var first = await client.AddObjectsAsync(root, "default", [Stix.Parse(Stix.Indicator(1))]);
        gate.SetResult();
        var done = await client.AddObjectsAndWaitAsync(root, "default", [Stix.Parse(Stix.Indicator(2))], TimeSpan.FromMilliseconds(10));

        Assert.False(first.IsComplete);
        Assert.True(done.IsComplete);
        Assert.Equal(1, done.SuccessCount);
    }

    private static TaxiiClient Client(TaxiiTestServer server)
    {
        var http = server.RawClient();
        TaxiiClient.UseApiKey(http, TaxiiTestServer.AdminKey);
        return new TaxiiClient(http);
    }
}
