using System.Net.Http.Headers;
using CyDef.Taxii.Server;

namespace CyDef.Taxii.Tests;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private TaxiiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await TaxiiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/taxii2/")]
    [InlineData("/cydef/")]
    [InlineData("/cydef/collections/")]
    [InlineData("/cydef/collections/default/objects/")]
    [InlineData("/cydef/collections/default/manifest/")]
    public async Task Get_NoCredentials_401WithChallenge(string path)
    {
        var response = await _server.Client(key: null).GetAsync(path);

        await Stix.AssertErrorAsync(response, 401);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Get_WrongKey_401() =>
        await Stix.AssertErrorAsync(await _server.Client("not-a-key").GetAsync("/taxii2/"), 401);

    [Fact]
    public async Task Get_Bearer_200()
    {
        var client = _server.Client(key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TaxiiTestServer.ReaderKey);

        Assert.Equal(200, (int)(await client.GetAsync("/taxii2/")).StatusCode);
    }

    [Fact]
    public async Task Get_UnknownScheme_401()
    {
        var client = _server.Client(key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Digest", "whatever");

        await Stix.AssertErrorAsync(await client.GetAsync("/taxii2/"), 401);
    }

    [Fact]
    public async Task Post_NoCredentials_401AndNothingStored()
    {
        var response = await _server.Client(key: null).PostAsync(_server.CollectionPath + "objects/", Stix.Taxii(Stix.Envelope(Stix.Indicator(1))));

        await Stix.AssertErrorAsync(response, 401);
        Assert.Equal(0, await _server.Store.GetLastSequenceAsync());
    }

    [Fact]
    public async Task Post_Reader_403AndNothingStored()
    {
        var response = await _server.Client(TaxiiTestServer.ReaderKey).PostAsync(_server.CollectionPath + "objects/", Stix.Taxii(Stix.Envelope(Stix.Indicator(1))));

        await Stix.AssertErrorAsync(response, 403);
        Assert.Equal(0, await _server.Store.GetLastSequenceAsync());
    }

    [Fact]
    public async Task Get_KeyWithoutReadRight_403()
    {
        await using var server = await TaxiiTestServer.StartAsync(keys: [new() { Name = "nobody", Key = "k" }]);

        await Stix.AssertErrorAsync(await server.Client("k").GetAsync(server.CollectionPath + "objects/"), 403);
    }

    [Fact]
    public async Task Get_CollectionClosedForReading_403EvenForAdministrator()
    {
        await AddCollectionAsync(new CollectionRecord { Id = "64993447-4d7e-4f70-b94d-d7f33742ee63", Title = "closed", CanRead = false, CanWrite = false });

        var objects = await _server.Client().GetAsync("/cydef/collections/64993447-4d7e-4f70-b94d-d7f33742ee63/objects/");
        var manifest = await _server.Client().GetAsync("/cydef/collections/64993447-4d7e-4f70-b94d-d7f33742ee63/manifest/");

        await Stix.AssertErrorAsync(objects, 403);
        await Stix.AssertErrorAsync(manifest, 403);
    }

    [Fact]
    public async Task Post_CollectionClosedForWriting_403()
    {
        await AddCollectionAsync(new CollectionRecord { Id = "52892447-4d7e-4f70-b94d-d7f22742ff63", Title = "read only", CanWrite = false });

        var response = await _server.Client().PostAsync("/cydef/collections/52892447-4d7e-4f70-b94d-d7f22742ff63/objects/", Stix.Taxii(Stix.Envelope(Stix.Indicator(1))));

        await Stix.AssertErrorAsync(response, 403);
    }

    private Task AddCollectionAsync(CollectionRecord collection)
    {
        var root = _server.Registry.FindApiRoot("cydef")!;
        return _server.Registry.PutApiRootAsync(root with { Collections = [.. root.Collections, collection] });
    }
}
