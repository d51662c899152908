using System.Buffers;
using System.Diagnostics;
using System.Text.Json;

namespace CyDef.Benchmarks.Taxii;

/// <summary>
/// One TAXII client: pages through the collection with <c>next</c> tokens from a start of its own (an
/// <c>added_after</c>, so that the clients spread over the feed) and starts over at the end, recording the latency of
/// every page (headers to last byte).
/// </summary>
internal sealed class PageWalker(HttpClient http, string objectsUrl, int pageSize, string? addedAfter)
{
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(4 << 20);

    public List<long> LatencyTicks { get; } = new(100_000);

    public long Objects { get; private set; }

    public long Bytes { get; private set; }

    public async Task RunAsync(CancellationToken warmUp, CancellationToken stop)
    {
        string? next = null;
        while (!stop.IsCancellationRequested)
        {
            var measured = warmUp.IsCancellationRequested; // only pages asked for after the warm-up count
            var started = Stopwatch.GetTimestamp();
            var (count, length, token) = await GetPageAsync(next, stop).ConfigureAwait(false);
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (measured && !stop.IsCancellationRequested)
            {
                LatencyTicks.Add(elapsed);
                Objects += count;
                Bytes += length;
            }

            next = token;
        }

        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private async Task<(int Count, int Length, string? Next)> GetPageAsync(string? next, CancellationToken stop)
    {
        var url = $"{objectsUrl}?limit={pageSize}" + (addedAfter is null ? "" : "&added_after=" + addedAfter) + (next is null ? "" : "&next=" + next);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stop).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(stop).ConfigureAwait(false);
            var length = 0;
            int read;
            while ((read = await body.ReadAsync(_buffer.AsMemory(length), stop).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return Read(_buffer.AsSpan(0, length));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return (0, 0, null);
        }
    }

    // The envelope begins {"more":…,"next":"…","objects":[…]}: read those and count the objects at depth 2.
    private static (int Count, int Length, string? Next) Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? next = null;
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("next"u8))
            {
                reader.Read();
                next = reader.GetString();
            }
            else if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
            {
                count++;
                reader.Skip();
            }
        }

        return (count, json.Length, next);
    }
}
