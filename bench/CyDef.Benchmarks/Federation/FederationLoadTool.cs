using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CyDef.Benchmarks.Federation;

/// <summary>
/// The <c>federation</c> load tool: N node processes on this machine over real HTTP (one per Member State), each
/// node pulling the publishing node with change notices (a star: every latency is one hop). Two figures:
/// <list type="bullet">
/// <item>publish-to-visible latency: objects are posted one at a time at a fixed rate to the publisher; the latency
/// of an object at a peer is the peer's <c>date_added</c> (when its store committed it, read from its manifest)
/// minus the moment the client sent the POST — same machine, same clock. A quarter of the objects are releasable to
/// only half of the countries: latencies are taken at every allowed peer, and any copy at a peer not allowed is
/// counted as a leak.</item>
/// <item>replication rate to one peer: the publisher is loaded with a bulk of objects, then a fresh node that pulls
/// it is started; objects per second from its first to its last <c>date_added</c>, and from the moment it
/// answered /health to the moment it held them all.</item>
/// </list>
/// Prints one JSON object on stdout and a summary on stderr.
/// </summary>
internal static class FederationLoadTool
{
    private const string Community = "community--eu-milcerts";
    private const string TlpGreen = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

    private static readonly string[] States =
        ["BE", "AT", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"];

    public static int Run(ReadOnlySpan<string> args) =>
        FederationLoadOptions.Parse(args) is { } options ? RunAsync(options).GetAwaiter().GetResult() : 2;

    private static async Task<int> RunAsync(FederationLoadOptions options)
    {
        var cli = FindCli();
        var root = options.Data ?? Path.Combine(Path.GetTempPath(), "cydef-bench", "federation-" + Guid.NewGuid().ToString("N")[..8]);
        var nodes = Enumerable.Range(0, options.Nodes).Select(i => Node(States[i], i, root)).ToList();
        var hub = nodes[0];
        hub.Set($"CyDef:Taxii:MaxPageSize={options.PageSize}");
        var spokes = nodes.Skip(1).ToList();
        for (var i = 0; i < spokes.Count; i++)
        {
            Connect(hub, spokes[i], i + 1, options);
        }

        // The node of the throughput figure, started later: the publisher knows its key from the start.
        var sink = Node("sink", 99, root);
        Connect(hub, sink, 99, options);

        try
        {
            var started = Stopwatch.StartNew();
            nodes.ForEach(n => n.Start(cli, options.Pgo));
            foreach (var node in nodes)
            {
                await node.WaitHealthyAsync();
            }

            var startSeconds = Math.Round(started.Elapsed.TotalSeconds, 1);
            Console.Error.WriteLine($"  {nodes.Count} nodes healthy in {startSeconds:0.0} s");
            var latency = await LatencyAsync(hub, spokes, options);
            foreach (var spoke in spokes)
            {
                await spoke.DisposeAsync();
            }

            var throughput = options.Bulk > 0 ? await ThroughputAsync(hub, sink, cli, options) : null;
            var report = new
            {
                tool = "federation",
                nodes = options.Nodes,
                topology = $"star: {spokes.Count} nodes each pull the publishing node over TAXII 2.1, woken by its change notices (SSE)",
                processors = Environment.ProcessorCount,
                load_average = LoadAverage(),
                node_start_seconds = startSeconds,
                warmup_objects = options.Warmup,
                dynamic_pgo = options.Pgo,
                signatures_verified = options.Verify,
                latency,
                throughput,
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(report));
            Console.Error.WriteLine($"latency p50 {latency.P50Ms} ms, p99 {latency.P99Ms} ms over {latency.Deliveries} deliveries ({latency.Missing} missing, {latency.Leaks} leaks); processor time {latency.HubCpuMsPerObject} ms per object at the publisher, {latency.SpokeCpuMsPerDelivery} ms per delivery at a peer"
                + (throughput is null ? "" : $"; replication {throughput.ObjectsPerSecond:N0} objects/s ({throughput.WallObjectsPerSecond:N0}/s wall)"));
            return latency.Missing == 0 && latency.Leaks == 0 ? 0 : 1;
        }
        finally
        {
            await sink.CloseAsync();
            foreach (var node in nodes)
            {
                await node.CloseAsync();
            }

            if (options.Data is null)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static BenchNode Node(string country, int index, string root)
    {
        var node = new BenchNode(country, $"identity--{index:00000000}-0000-4000-8000-00000000cafe", Path.Combine(root, country));
        node.Set($"CyDef:Sharing:Organization={node.Organization}", $"CyDef:Sharing:Nationality={country}", $"CyDef:Sharing:Communities:0={Community}");
        return node;
    }

    // With Verify, the peer checks the publisher's signature on everything it takes (its trust record fetched from it).
    private static void Connect(BenchNode hub, BenchNode spoke, int key, FederationLoadOptions options)
    {
        var country = spoke.Name.Length == 2 ? spoke.Name : "BE";
        hub.Set($"CyDef:ApiKeys:{key}:Key=peer-{spoke.Name}", $"CyDef:ApiKeys:{key}:Peer=true", $"CyDef:ApiKeys:{key}:Organization={spoke.Organization}",
            $"CyDef:ApiKeys:{key}:Nationality={country}", $"CyDef:ApiKeys:{key}:Communities:0={Community}", $"CyDef:ApiKeys:{key}:Read:0=*");
        spoke.Set($"CyDef:Peers:0:Name={hub.Name}", $"CyDef:Peers:0:Url={hub.ApiRoot}", $"CyDef:Peers:0:ApiKey=peer-{spoke.Name}",
            $"CyDef:Peers:0:Organization={hub.Organization}", $"CyDef:Peers:0:PageSize={options.PageSize}", "CyDef:Peers:0:PollSeconds=30");
        if (options.Verify)
        {
            spoke.Set($"CyDef:Peers:0:TrustRecordUrl={hub.Address}api/v1/node/trust-record", "CyDef:Peers:0:MustSign=true");
        }
    }

    private static async Task<LatencyResult> LatencyAsync(BenchNode hub, List<BenchNode> spokes, FederationLoadOptions options)
    {
        // A quarter of the objects are releasable to the first half of the countries only.
        var half = States.Take(States.Length / 2).ToArray();
        var rel = Handling(hub.Organization, half);
        await hub.PublishAsync($"{{\"objects\":[{rel.Json}]}}");
        if (options.Warmup > 0)
        {
            var warming = Stopwatch.StartNew();
            await PublishAtRateAsync(hub, options.Warmup, options.Rate, i => [TlpGreen]);
            await WaitAsync(spokes, _ => 1 + options.Warmup);
            Console.Error.WriteLine($"  warm-up: {options.Warmup:N0} objects published and received everywhere in {warming.Elapsed.TotalSeconds:0.0} s");
        }

        var (hubCpu, spokesCpu) = (hub.ProcessorTime, spokes.Sum(s => s.ProcessorTime.TotalMilliseconds));
        var clock = Stopwatch.StartNew();
        var (ids, sent) = await PublishAtRateAsync(hub, options.Objects, options.Rate, i => i % 4 == 3 ? [TlpGreen, rel.Id] : [TlpGreen]);
        Console.Error.WriteLine($"  published {options.Objects:N0} objects in {clock.Elapsed.TotalSeconds:0.0} s");
        bool Allowed(int i, BenchNode spoke) => i % 4 != 3 || half.Contains(spoke.Name);
        await WaitAsync(spokes, s => 1 + options.Warmup + Enumerable.Range(0, options.Objects).Count(i => Allowed(i, s)));
        var cpu = new NodeCpu(Math.Round((hub.ProcessorTime - hubCpu).TotalSeconds, 2), Math.Round((spokes.Sum(s => s.ProcessorTime.TotalMilliseconds) - spokesCpu) / 1000, 2), Math.Round(clock.Elapsed.TotalSeconds, 1));

        var latencies = new List<double>();
        int missing = 0, leaks = 0;
        foreach (var spoke in spokes)
        {
            var manifest = await spoke.ManifestAsync();
            for (var i = 0; i < options.Objects; i++)
            {
                var held = manifest.TryGetValue(ids[i], out var added);
                if (!Allowed(i, spoke))
                {
                    leaks += held ? 1 : 0;
                }
                else if (held)
                {
                    latencies.Add((added - sent[i]).TotalMilliseconds);
                }
                else
                {
                    missing++;
                }
            }
        }

        return LatencyResult.Of(options.Objects, options.Rate, latencies, missing, leaks, cpu);
    }

    // Posts one object per request at a fixed rate; a request is not awaited before the next one is sent.
    private static async Task<(string[] Ids, DateTimeOffset[] Sent)> PublishAtRateAsync(BenchNode hub, int count, int rate, Func<int, string[]> markings)
    {
        var ids = new string[count];
        var sent = new DateTimeOffset[count];
        var posts = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            ids[i] = $"indicator--{Guid.NewGuid()}";
            sent[i] = DateTimeOffset.UtcNow;
            posts.Add(hub.PublishAsync($"{{\"objects\":[{Indicator(ids[i], hub.Organization, i, markings(i))}]}}"));
        }

        await Task.WhenAll(posts);
        return (ids, sent);
    }

    private static async Task WaitAsync(List<BenchNode> spokes, Func<BenchNode, int> expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        foreach (var spoke in spokes)
        {
            while (await spoke.ReceivedAsync() < expected(spoke) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<ThroughputResult> ThroughputAsync(BenchNode hub, BenchNode sink, string cli, FederationLoadOptions options)
    {
        var loading = Stopwatch.StartNew();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < options.Bulk; start += 5000)
        {
            var batch = Enumerable.Range(start, Math.Min(5000, options.Bulk - start)).Select(i =>
            {
                var id = $"indicator--{Guid.NewGuid()}";
                ids.Add(id);
                return Indicator(id, hub.Organization, i, [TlpGreen]);
            });
            await hub.PublishAsync($"{{\"objects\":[{string.Join(',', batch)}]}}");
        }

        Console.Error.WriteLine($"  publisher loaded with {options.Bulk:N0} objects in {loading.Elapsed.TotalSeconds:0.0} s");
        sink.Start(cli, options.Pgo, lean: false); // one node replicating: as a user runs it
        await sink.WaitHealthyAsync();
        var wall = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (await sink.ReceivedAsync() < options.Bulk && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var seconds = wall.Elapsed.TotalSeconds;
        if (await sink.ReceivedAsync() < options.Bulk)
        {
            Console.Error.WriteLine("  the replicating node did not catch up: " + await sink.Http.GetStringAsync("api/v1/peers"));
        }

        var added = (await sink.ManifestAsync()).Where(p => ids.Contains(p.Key)).Select(p => p.Value).ToList();
        var span = added.Count > 1 ? (added.Max() - added.Min()).TotalSeconds : double.NaN;
        return new ThroughputResult(options.Bulk, added.Count, options.PageSize, Math.Round(span, 2), Math.Round(added.Count / span), Math.Round(seconds, 2), Math.Round(added.Count / seconds));
    }

    private static (string Id, string Json) Handling(string owner, string[] countries)
    {
        var id = $"marking-definition--{Guid.NewGuid()}";
        var list = string.Join(',', countries.Select(c => $"\"{c}\""));
        var json = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"created_by_ref\":\"" + owner
            + "\",\"name\":\"REL TO half\",\"extensions\":{\"extension-definition--4ebad125-533b-4326-b239-658fd60c82df\":{\"extension_type\":\"property-extension\",\"classification\":\"unclassified\",\"releasable_to\":{\"countries\":[" + list + "]}}}}";
        return (id, json);
    }

    private static string Indicator(string id, string owner, int n, string[] markings) => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","created_by_ref":"{{owner}}","name":"C2 {{n}}","description":"Command and control server seen in campaign {{n % 97}}","indicator_types":["malicious-activity"],"pattern":"[ipv4-addr:value = '10.{{n / 65536 % 256}}.{{n / 256 % 256}}.{{n % 256}}']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":[{{string.Join(',', markings.Select(m => $"\"{m}\""))}}]}
        """;

    private static string? LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static string FindCli()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CyDef.slnx")))
            {
                var path = Path.Combine(directory.FullName, "src", "CyDef.Cli", "bin", "Release", "net10.0", "cydef.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException("build src/CyDef.Cli in Release first", path);
            }
        }

        throw new DirectoryNotFoundException("the repository (CyDef.slnx) is not above " + AppContext.BaseDirectory);
    }
}

/// <summary>The latency figures.</summary>
/// <param name="Cpu">The processor time the nodes used while the measured objects were published and delivered.</param>
/// <param name="HubCpuMsPerObject">The publisher's processor time per object published (its TAXII add, signature, store, and its streams to every peer).</param>
/// <param name="SpokeCpuMsPerDelivery">A receiving node's processor time per version delivered to it (its stream, pipeline, store, indexes, UI and detection followers).</param>
internal sealed record LatencyResult(int Objects, int RatePerSecond, int Deliveries, int Missing, int Leaks, double P50Ms, double P90Ms, double P99Ms, double MaxMs, NodeCpu Cpu, double HubCpuMsPerObject, double SpokeCpuMsPerDelivery)
{
    public static LatencyResult Of(int objects, int rate, List<double> latencies, int missing, int leaks, NodeCpu cpu)
    {
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? double.NaN : Math.Round(latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Count) - 1, 0, latencies.Count - 1)], 1);
        return new LatencyResult(objects, rate, latencies.Count, missing, leaks, At(0.5), At(0.9), At(0.99), At(1), cpu,
            Math.Round(cpu.HubSeconds * 1000 / objects, 2), latencies.Count == 0 ? double.NaN : Math.Round(cpu.SpokesSeconds * 1000 / latencies.Count, 2));
    }
}

/// <summary>Processor seconds of the publishing node and of all receiving nodes over <paramref name="WallSeconds"/>.</summary>
internal sealed record NodeCpu(double HubSeconds, double SpokesSeconds, double WallSeconds);

/// <summary>The replication-rate figures.</summary>
internal sealed record ThroughputResult(int Objects, int Replicated, int PageSize, double Seconds, double ObjectsPerSecond, double WallSeconds, double WallObjectsPerSecond);
