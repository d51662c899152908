using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using CyDef.Benchmarks.Generation;
using CyDef.Server;
using CyDef.Server.Security;
using CyDef.Server.Web.Data;
using CyDef.Server.Web.Picture;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sqlite;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Benchmarks.Ui;

/// <summary>
/// The <c>ui</c> load tool: a node over a store of N generated objects (filled once, kept), and the answer times of
/// the web UI's data as its pages read it — through <see cref="UiReader"/> for a signed-in user (the sharing policy on
/// every read): the dashboard (counts by type and sightings by day, recent indicators, reports and sightings), searches
/// by word and by observable value, and a list page. Also how long the UI's index takes to read the feed at start.
/// Prints one JSON object on stdout. <c>load ui [--objects N] [--data DIR] [--seed S] [--repeat R]</c>.
/// </summary>
internal static partial class UiLoadTool
{
    private const string Key = "bench-ui-key";

    public static async Task<int> RunAsync(string[] args)
    {
        var objects = Option(args, "--objects", 1_000_000);
        var seed = (int)Option(args, "--seed", 1);
        var repeat = (int)Option(args, "--repeat", 10);
        var folder = OptionText(args, "--data") ?? Path.Combine(Path.GetTempPath(), "cydef-bench", $"ui-{objects}-seed{seed}");
        var fill = await FillAsync(folder, objects, seed);
        var started = Stopwatch.StartNew();
        await using var app = await CyDefNode.BuildAsync(
        [
            "--urls=http://127.0.0.1:0", $"--CyDef:DataFolder={folder}", "--CyDef:LoadDemo=false", "--CYDEF_BOOTSTRAP_API_KEY=",
            "--CyDef:ApiKeys:0:Name=analyst", $"--CyDef:ApiKeys:0:Key={Key}", "--CyDef:ApiKeys:0:Roles:0=analyst", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<IObjectStore>();
        var stored = await store.GetLastSequenceAsync();
        await app.Services.GetRequiredService<PictureIndex>().WaitForAsync(stored);
        var indexSeconds = started.Elapsed.TotalSeconds;

        using var scope = app.Services.CreateScope();
        var user = await app.Services.GetRequiredService<IUserSignIn>().SignInAsync("analyst", Key) ?? throw new InvalidOperationException("sign-in failed");
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(user.Identities))));
        var reader = scope.ServiceProvider.GetRequiredService<UiReader>();
        var queries = await QueriesAsync(store, stored, seed);

        var dashboard = await TimeAsync(repeat, async () =>
        {
            var counts = await reader.CountsAsync();
            var recent = await reader.RecentAsync(new HashSet<string> { "indicator", "report", "sighting" }, 8);
            return counts.Total + recent.Count;
        });
        var countsOnly = await TimeAsync(repeat, async () => (await reader.CountsAsync()).Total);
        var recentOnly = await TimeAsync(repeat, async () => (await reader.RecentAsync(new HashSet<string> { "indicator", "report", "sighting" }, 8)).Count);
        var search = new List<object>();
        foreach (var q in queries)
        {
            var hits = 0;
            var times = await TimeAsync(repeat, async () => hits = (await reader.SearchAsync(q)).Count);
            var first = await reader.SearchPageAsync(q, 200, null);
            var next = first.More
                ? await TimeAsync(repeat, async () => (await reader.SearchPageAsync(q, 200, first.Next)).Items.Count)
                : null;
            search.Add(new { query = q, hits, more = first.More, ms = times, next_page_ms = next });
        }

        var list = await TimeAsync(repeat, async () => (await reader.ListAsync(["indicator"], stored / 2, 50)).Items.Count);
        var counts = await reader.CountsAsync();
        await app.StopAsync();
        var report = new
        {
            tool = "ui",
            objects_stored = stored,
            fill_seconds = fill?.TotalSeconds,
            index_ready_seconds = Math.Round(indexSeconds, 1),
            objects_seen = counts.Total,
            types_seen = counts.ByType.Count,
            repeat,
            dashboard_ms = dashboard,
            dashboard_counts_ms = countsOnly,
            dashboard_recent_ms = recentOnly,
            search,
            list_page_ms = list,
            processors = Environment.ProcessorCount,
            working_set_mb = Environment.WorkingSet / (1024 * 1024),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    private static async Task<object> TimeAsync(int repeat, Func<Task<long>> action)
    {
        await action(); // the first run warms caches and is not counted
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return new { p50 = Round(times[times.Count / 2]), p95 = Round(times[Math.Min(times.Count - 1, (int)(times.Count * 0.95))]), max = Round(times[^1]) };
    }

    private static double Round(double ms) => Math.Round(ms, 1);

    // Words of stored names and a value of a stored indicator's pattern, from versions spread over the feed.
    private static async Task<List<string>> QueriesAsync(IObjectStore store, long stored, int seed)
    {
        var random = new Random(seed);
        var queries = new List<string>();
        for (var tries = 0; tries < 200 && queries.Count < 4; tries++)
        {
            var page = await store.ReadChangesAsync(random.NextInt64(0, Math.Max(1, stored - 1)), 1);
            if (page.Items.Count == 0 || StixJsonReader.Parse(page.Items[0].Json.Span).Value is not { } value)
            {
                continue;
            }

            if (queries.Count < 2 && value["name"]?.AsString() is { } name && Word().Match(name) is { Success: true } word)
            {
                queries.Add(word.Value);
            }
            else if (queries.Count >= 2 && value["pattern"]?.AsString() is { } pattern && Literal().Match(pattern) is { Success: true } literal)
            {
                queries.Add(literal.Groups[1].Value);
            }
        }

        return queries;
    }

    private static async Task<TimeSpan?> FillAsync(string folder, long objects, int seed)
    {
        await using (var existing = await SqliteObjectStore.OpenAsync(folder))
        {
            if (await existing.GetLastSequenceAsync() >= objects)
            {
                return null;
            }
        }

        Directory.Delete(folder, recursive: true);
        var stopwatch = Stopwatch.StartNew();
        var generator = new StixFeedGenerator(seed);
        await using var store = await SqliteObjectStore.OpenAsync(folder);
        long stored;
        while ((stored = await store.GetLastSequenceAsync()) < objects)
        {
            var batch = (int)Math.Min(100_000, objects - stored);
            await store.IngestObjectsAsync(Enumerable.Range(0, batch).Select(_ => generator.Next()).ToList());
            Console.Error.WriteLine($"  stored {await store.GetLastSequenceAsync():N0} of {objects:N0} objects");
        }

        return stopwatch.Elapsed;
    }

    private static long Option(string[] args, string name, long fallback) =>
        OptionText(args, name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    [GeneratedRegex("[A-Za-z]{4,}")]
    private static partial Regex Word();

    [GeneratedRegex("'([^']{4,})'")]
    private static partial Regex Literal();
}
