using CyDef.Storage.Sqlite;
using CyDef.Taxii.Client;

namespace CyDef.Taxii.Tests;

/// <summary>Pulling a collection from a TAXII server into another store.</summary>
public sealed class PullTests : IAsyncLifetime
{
    private readonly string _target = Path.Combine(Path.GetTempPath(), "cydef-pull-" + Guid.NewGuid().ToString("N"));
    private TaxiiTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TaxiiTestServer.StartAsync(o => o.MaxPageSize = 3);
        await Stix.PostAsync(_server.Client(), _server.CollectionPath, [.. Enumerable.Range(0, 7).Select(i => Stix.Indicator(i)), Stix.Malware()]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_target, recursive: true);
    }

    [Fact]
    public async Task Pull_TwiceIntoAnotherStore_EverythingOnceThenDuplicates()
    {
        var http = _server.RawClient();
        TaxiiClient.UseApiKey(http, TaxiiTestServer.ReaderKey);
        var client = new TaxiiClient(http);
        var root = new Uri("http://localhost/cydef/");
        await using var store = await SqliteObjectStore.OpenAsync(_target);

        var first = await TaxiiPull.PullAsync(client, root, "default", store);
        var second = await TaxiiPull.PullAsync(client, root, "default", store);

        Assert.Equal(new PullReport(3, 8, 8, 0, 0), first);
        Assert.Equal(new PullReport(3, 8, 0, 8, 0), second);
        Assert.Equal("malware", (await store.GetAsync("malware--00000000-0000-4000-8000-0000000000aa"))!.Type);
        Assert.NotNull(await store.GetAsync(Stix.IndicatorId(6)));
    }
}
