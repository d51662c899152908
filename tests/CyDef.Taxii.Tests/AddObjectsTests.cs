using System.Net.Http.Headers;
using System.Text;
using CyDef.Taxii.Server;

namespace CyDef.Taxii.Tests;

public sealed class AddObjectsTests : IAsyncLifetime
{
    private TaxiiTestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TaxiiTestServer.StartAsync();
        _client = _server.Client();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Objects => _server.CollectionPath + "objects/";

    [Fact]
    public async Task Post_ValidObjects_202CompleteWithEverySuccess()
    {
        var response = await _client.PostAsync(Objects, Stix.Taxii(Stix.Envelope(Stix.Indicator(1), Stix.Malware())));
        var status = await Stix.JsonAsync(response);

        Assert.Equal(202, (int)response.StatusCode);
        Assert.Equal(TaxiiMediaTypes.Taxii21, Stix.ContentType(response));
        Assert.Equal("complete", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("total_count").GetInt32());
        Assert.Equal(2, status.GetProperty("success_count").GetInt32());
        Assert.Equal(0, status.GetProperty("failure_count").GetInt32());
        Assert.Equal(0, status.GetProperty("pending_count").GetInt32());
        Assert.Equal(Stix.IndicatorId(1), status.GetProperty("successes")[0].GetProperty("id").GetString());
        Assert.Equal("2024-01-01T00:00:00.000Z", status.GetProperty("successes")[0].GetProperty("version").GetString());
        Assert.Matches(@"\.\d{6}Z$", status.GetProperty("request_timestamp").GetString()!);
        Assert.Equal(2, await _server.Store.GetLastSequenceAsync());
    }

    [Fact]
    public async Task Post_SameVersionTwice_SuccessBothTimesStoredOnce()
    {
        await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1));

        var second = await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1));

        Assert.Equal(1, second.GetProperty("success_count").GetInt32());
        Assert.Equal(1, await _server.Store.GetLastSequenceAsync());
    }

    [Fact]
    public async Task Post_InvalidObject_FailureWithReasonOthersStored()
    {
        var invalid = Stix.Indicator(2).Replace("\"pattern_type\":\"stix\",", "", StringComparison.Ordinal);

        var status = await Stix.PostAsync(_client, _server.CollectionPath, Stix.Indicator(1), invalid);

        Assert.Equal(1, status.GetProperty("success_count").GetInt32());
        Assert.Equal(1, status.GetProperty("failure_count").GetInt32());
        var failure = status.GetProperty("failures")[0];
        Assert.Equal(Stix.IndicatorId(2), failure.GetProperty("id").GetString());
        Assert.Contains("pattern_type", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await _server.Store.GetAsync(Stix.IndicatorId(2)));
        Assert.NotNull(await _server.Store.GetAsync(Stix.IndicatorId(1)));
    }

    [Fact]
    public async Task Post_ScoWithoutTimestamps_VersionIsDateAdded()
    {
        const string Artifact = """{"type":"artifact","spec_version":"2.1","id":"artifact--6f437177-6e48-4cf8-9d9e-872a2bddd641","mime_type":"application/zip","payload_bin":"UEsDBA=="}""";

        var status = await Stix.PostAsync(_client, _server.CollectionPath, Artifact);
        var stored = await _server.Store.GetAsync("artifact--6f437177-6e48-4cf8-9d9e-872a2bddd641");

        Assert.Equal(TaxiiTimestamp.ToString(stored!.DateAdded), status.GetProperty("successes")[0].GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("{\"objects\": [")]
    [InlineData("not json")]
    [InlineData("{\"objects\": [], \"objects\": []}")]
    public async Task Post_MalformedJson_400AndNothingStored(string body) =>
        await AssertRefusedAsync(Stix.Taxii(body), 400);

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"objects\": {}}")]
    [InlineData("{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000000\"}")]
    public async Task Post_NotAnEnvelope_422AndNothingStored(string body) =>
        await AssertRefusedAsync(Stix.Taxii(body), 422);

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/stix+json;version=2.1")]
    [InlineData("application/taxii+json;version=2.0")]
    [InlineData("text/plain")]
    public async Task Post_WrongContentType_415AndNothingStored(string contentType)
    {
        var content = new StringContent(Stix.Envelope(Stix.Indicator(1)), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        await AssertRefusedAsync(content, 415);
    }

    [Fact]
    public async Task Post_LargerThanMaxContentLength_413AndNothingStored()
    {
        var root = _server.Registry.FindApiRoot("cydef")!;
        await _server.Registry.PutApiRootAsync(root with { MaxContentLength = 1000 });
        var body = Stix.Envelope(Enumerable.Range(0, 10).Select(i => Stix.Indicator(i)).ToArray());

        await AssertRefusedAsync(Stix.Taxii(body), 413);
    }

    [Fact]
    public async Task Post_ChunkedBodyLargerThanMaxContentLength_413AndNothingStored()
    {
        var root = _server.Registry.FindApiRoot("cydef")!;
        await _server.Registry.PutApiRootAsync(root with { MaxContentLength = 1000 });
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Stix.Envelope(Enumerable.Range(0, 10).Select(i => Stix.Indicator(i)).ToArray()))));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaTypes.Taxii21);
        var request = new HttpRequestMessage(HttpMethod.Post, Objects) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await Stix.AssertErrorAsync(response, 413);
        Assert.Equal(0, await _server.Store.GetLastSequenceAsync());
    }

    [Fact]
    public async Task Post_UnknownCollection_404() =>
        await Stix.AssertErrorAsync(await _client.PostAsync("/cydef/collections/12345678-1234-1234-1234-123456789012/objects/", Stix.Taxii(Stix.Envelope(Stix.Indicator(1)))), 404);

    [Fact]
    public async Task Post_SlowStore_PendingStatusThenComplete()
    {
        var gate = new TaskCompletionSource();
        await using var server = await TaxiiTestServer.StartAsync(
            o => o.StatusWait = TimeSpan.Zero,
            async (folder, token) => new GatedStore(await Storage.Sqlite.SqliteObjectStore.OpenAsync(folder, token), gate.Task));
        var client = server.Client();

        var pending = await Stix.PostAsync(client, server.CollectionPath, Stix.Indicator(1), Stix.Indicator(2));
        var path = $"/cydef/status/{pending.GetProperty("id").GetString()}/";
        var stillPending = await Stix.JsonAsync(await client.GetAsync(path));
        gate.SetResult();
        var complete = await PollAsync(client, path);

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(2, pending.GetProperty("pending_count").GetInt32());
        Assert.Equal(2, pending.GetProperty("pendings").GetArrayLength());
        Assert.Equal("pending", stillPending.GetProperty("status").GetString());
        Assert.Equal(2, complete.GetProperty("success_count").GetInt32());
        Assert.Equal(0, complete.GetProperty("pending_count").GetInt32());
    }

    private static async Task<System.Text.Json.JsonElement> PollAsync(HttpClient client, string path)
    {
        while (true)
        {
            var status = await Stix.JsonAsync(await client.GetAsync(path));
            if (status.GetProperty("status").GetString() == "complete")
            {
                return status;
            }

            await Task.Delay(10);
        }
    }

    private async Task AssertRefusedAsync(HttpContent content, int status)
    {
        var response = await _client.PostAsync(Objects, content);

        await Stix.AssertErrorAsync(response, status);
        Assert.Equal(0, await _server.Store.GetLastSequenceAsync());
    }
}
