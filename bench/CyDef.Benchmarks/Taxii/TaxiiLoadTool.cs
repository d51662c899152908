using System.Diagnostics;
using System.Net.Http.Headers;
using CyDef.Benchmarks.Generation;
using CyDef.Server;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CyDef.Benchmarks.Taxii;

/// <summary>
/// The <c>taxii</c> load tool: fills a node's SQLite store with generated STIX objects (once; the data folder is
/// kept and reused), starts the node on Kestrel at 127.0.0.1, and has N concurrent clients page through the default
/// collection with GET objects (pages of 1,000, following <c>next</c>) for a while. Prints one JSON object on stdout
/// (pages/s, objects/s, latency percentiles, the process's memory) and a summary line on stderr. The clients run in
/// the node's process: the memory figures are the node's plus theirs (a few buffers). Then the same clients load a
/// server that answers every request with one page held in memory: the ceiling that loopback HTTP and the clients
/// themselves set on this machine, measured in the same run.
/// </summary>
internal static class TaxiiLoadTool
{
    private const string Key = "bench-key";

    public static int Run(ReadOnlySpan<string> args)
    {
        if (TaxiiLoadOptions.Parse(args) is not { } options)
        {
            return 2;
        }

        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(TaxiiLoadOptions options)
    {
        var folder = options.Data ?? Path.Combine(Path.GetTempPath(), "cydef-bench", $"taxii-{options.Objects}-seed{options.Seed}");
        var fill = await FillAsync(folder, options);
        await using var app = await CyDefNode.BuildAsync(
        [
            "--urls=http://127.0.0.1:0", $"--CyDef:DataFolder={folder}", "--CyDef:LoadDemo=false", "--CYDEF_BOOTSTRAP_API_KEY=",
            $"--CyDef:ApiKeys:0:Key={Key}", "--CyDef:ApiKeys:0:Administrator=true", $"--CyDef:Taxii:MaxPageSize={options.PageSize}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var stored = await app.Services.GetRequiredService<IObjectStore>().GetLastSequenceAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var idle = new MemorySample(Environment.WorkingSet, GC.GetGCMemoryInfo().HeapSizeBytes);
        var starts = await StartsAsync(app.Services.GetRequiredService<IObjectStore>(), stored, options.Clients);
        var objectsUrl = $"{address}/cydef/collections/default/objects/";
        var measured = await LoadAsync(objectsUrl, starts, options);
        var ceiling = await CeilingAsync(objectsUrl, starts, options);
        var report = new TaxiiLoadReport(options, stored, StoreBytes(folder), fill, idle, measured, ceiling);
        await app.StopAsync();
        Console.Out.WriteLine(report.ToJson());
        Console.Error.WriteLine(report.Summary());
        return 0;
    }

    private static async Task<TimeSpan?> FillAsync(string folder, TaxiiLoadOptions options)
    {
        await using (var existing = await SqliteObjectStore.OpenAsync(folder))
        {
            if (await existing.GetLastSequenceAsync() >= options.Objects)
            {
                return null;
            }
        }

        Directory.Delete(folder, recursive: true);
        var stopwatch = Stopwatch.StartNew();
        var generator = new StixFeedGenerator(options.Seed);
        await using var store = await SqliteObjectStore.OpenAsync(folder);
        long stored;
        while ((stored = await store.GetLastSequenceAsync()) < options.Objects)
        {
            var batch = (int)Math.Min(100_000, options.Objects - stored);
            await store.IngestObjectsAsync(Generate(generator, batch));
            Console.Error.WriteLine($"  stored {await store.GetLastSequenceAsync():N0} of {options.Objects:N0} objects");
        }

        return stopwatch.Elapsed;
    }

    private static IEnumerable<StixValue> Generate(StixFeedGenerator generator, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return generator.Next();
        }
    }

    /// <summary>Where each client starts: the date added of evenly spaced versions of the feed (the first client at its start).</summary>
    private static async Task<string?[]> StartsAsync(IObjectStore store, long stored, int clients)
    {
        var starts = new string?[clients];
        for (var i = 1; i < clients; i++)
        {
            var page = await store.QueryAsync(new ObjectQuery { After = stored * i / clients, Limit = 1, IncludeContent = false, Versions = VersionFilter.All });
            starts[i] = page.Items.Count > 0 ? Uri.EscapeDataString(CyDef.Taxii.TaxiiTimestamp.ToString(page.Items[0].DateAdded)) : null;
        }

        return starts;
    }

    private static async Task<LoadMeasurement> LoadAsync(string objectsUrl, string?[] starts, TaxiiLoadOptions options)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        http.DefaultRequestHeaders.Accept.ParseAdd(Stix21Taxii);
        var walkers = starts.Select(start => new PageWalker(http, objectsUrl, options.PageSize, start)).ToList();
        using var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(2, options.Seconds / 5)));
        using var stop = new CancellationTokenSource();
        var tasks = walkers.Select(w => w.RunAsync(warmUp.Token, stop.Token)).ToList();
        await Task.Delay(Timeout.Infinite, warmUp.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var peak = await SamplePeakAsync(TimeSpan.FromSeconds(options.Seconds));
        stop.Cancel();
        var elapsed = stopwatch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await Task.WhenAll(tasks);
        return new LoadMeasurement(walkers, elapsed, cpu, peak);
    }

    private const string Stix21Taxii = "application/taxii+json;version=2.1";

    /// <summary>
    /// What this machine's loopback HTTP and the same clients manage when the server does no work at all: one page as
    /// the node answered it, held in memory and written for every request. No store can beat this figure.
    /// </summary>
    private static async Task<LoadMeasurement> CeilingAsync(string objectsUrl, string?[] starts, TaxiiLoadOptions options)
    {
        byte[] page;
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            http.DefaultRequestHeaders.Accept.ParseAdd(Stix21Taxii);
            page = await http.GetByteArrayAsync($"{objectsUrl}?limit={options.PageSize}");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/page", async context =>
        {
            context.Response.ContentType = Stix21Taxii;
            context.Response.ContentLength = page.Length;
            await context.Response.Body.WriteAsync(page, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var measured = await LoadAsync($"{address}/page", starts, options);
        await app.StopAsync();
        return measured;
    }

    private static async Task<MemorySample> SamplePeakAsync(TimeSpan duration)
    {
        var peak = new MemorySample(0, 0);
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            await Task.Delay(200);
            peak = new MemorySample(Math.Max(peak.WorkingSet, Environment.WorkingSet), Math.Max(peak.GcHeap, GC.GetGCMemoryInfo().HeapSizeBytes));
        }

        return peak;
    }

    private static long StoreBytes(string folder) =>
        Directory.EnumerateFiles(folder, SqliteObjectStore.FileName + "*").Sum(f => new FileInfo(f).Length);
}
