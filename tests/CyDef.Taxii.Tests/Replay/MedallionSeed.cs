using System.Text.Json;
using System.Text.Json.Nodes;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sqlite;
using CyDef.Taxii.Resources;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using CyDef.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Taxii.Tests.Replay;

/// <summary>A TAXII server loaded with medallion's default_data.json: its API Roots, collections, objects (with their date_added) and statuses.</summary>
internal static class MedallionSeed
{
    public const string Password = "Password0";

    public static JsonObject Data { get; } = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("tests", "data", "taxii", "default_data.json")))!.AsObject();

    public static async Task<TaxiiTestServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cydef-replay-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await WriteRegistryAsync(folder);
        var clocks = new Dictionary<string, ReplayClock>();
        var discovery = Data["/discovery"]!;
        var server = await TaxiiTestServer.StartAsync(
            o =>
            {
                o.Title = (string)discovery["title"]!;
                o.Description = (string?)discovery["description"];
                o.Contact = (string?)discovery["contact"];
                o.MaxPageSize = 20; // the transcript's taxii.max_page_size
            },
            async (path, token) =>
            {
                var clock = clocks[path] = new ReplayClock();
                return await SqliteObjectStore.OpenAsync(path, clock, token);
            },
            [new ApiKeyGrant { Name = "admin", Key = Password, Administrator = true }],
            folder);
        await LoadObjectsAsync(server, clocks);
        LoadStatuses(server);
        return server;
    }

    private static async Task WriteRegistryAsync(string folder)
    {
        var roots = new List<ApiRootRecord>();
        foreach (var (name, value) in Data.Where(p => p.Key != "/discovery"))
        {
            var information = value!["information"]!;
            roots.Add(new ApiRootRecord
            {
                Name = name,
                Title = (string)information["title"]!,
                Description = (string?)information["description"],
                MaxContentLength = (long)information["max_content_length"]!,
                Collections = value["collections"]!.AsArray().Select(Collection).ToList(),
            });
        }

        await using var stream = File.Create(Path.Combine(folder, CollectionRegistry.FileName));
        await JsonSerializer.SerializeAsync(stream, new RegistryFile("trustgroup1", roots), RegistryJsonContext.Default.RegistryFile);
    }

    private static CollectionRecord Collection(JsonNode? c) => new()
    {
        Id = (string)c!["id"]!,
        Title = (string)c["title"]!,
        Description = (string?)c["description"],
        CanRead = (bool)c["can_read"]!,
        CanWrite = (bool)c["can_write"]!,
        MediaTypes = c["media_types"]!.AsArray().Select(m => (string)m!).ToList(),
    };

    // Each version is stored at its manifest record's date_added, in date_added order.
    private static async Task LoadObjectsAsync(TaxiiTestServer server, Dictionary<string, ReplayClock> clocks)
    {
        foreach (var c in Data["trustgroup1"]!["collections"]!.AsArray())
        {
            var objects = c!["objects"]!.AsArray();
            if (objects.Count == 0)
            {
                continue;
            }

            var collection = server.Registry.FindApiRoot("trustgroup1")!.FindCollection((string)c["id"]!)!;
            var store = await server.Registry.GetStoreAsync(collection);
            var clock = clocks.Single(k => k.Key.EndsWith(collection.Id, StringComparison.Ordinal)).Value;
            foreach (var record in c["manifest"]!.AsArray().OrderBy(r => (string)r!["date_added"]!, StringComparer.Ordinal))
            {
                if (Find(objects, (string)record!["id"]!, (string)record["version"]!, (string)record["media_type"]!) is not { } json)
                {
                    continue;
                }

                clock.Fixed = DateTimeOffset.Parse((string)record["date_added"]!, System.Globalization.CultureInfo.InvariantCulture);
                await store.IngestObjectsAsync([StixJsonReader.Parse(json.ToJsonString()).GetValueOrThrow()]);
            }

            clock.Fixed = null;
        }
    }

    private static JsonNode? Find(JsonArray objects, string id, string version, string mediaType) =>
        objects.FirstOrDefault(o => (string)o!["id"]! == id
            && ((string?)o["modified"] ?? (string?)o["created"]) == version
            && mediaType.EndsWith((string?)o["spec_version"] ?? "2.0", StringComparison.Ordinal));

    private static void LoadStatuses(TaxiiTestServer server)
    {
        var statuses = server.Services.GetRequiredService<StatusRegistry>();
        foreach (var s in Data["trustgroup1"]!["status"]!.AsArray())
        {
            statuses.Put("trustgroup1", new Status(
                (string)s!["id"]!,
                (string)s["status"]!,
                (string?)s["request_timestamp"],
                (long?)s["total_count"] ?? 0,
                (long)s["success_count"]!,
                Details(s["successes"]),
                (long)s["failure_count"]!,
                Details(s["failures"]),
                (long)s["pending_count"]!,
                Details(s["pendings"])), owner: null);
        }
    }

    private static List<StatusDetails>? Details(JsonNode? list)
    {
        var details = list?.AsArray().Select(d => new StatusDetails((string)d!["id"]!, (string)d["version"]!, (string?)d["message"])).ToList();
        return details is { Count: > 0 } ? details : null;
    }
}
