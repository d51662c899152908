// Refreshes the PNGs of the web UI's main pages in docs/screenshots/: starts a demo node (the demo content and a few
// objects of a live picture: sightings, a classified indicator) on a free port of 127.0.0.1, signs in with Debian's
// Chromium (Playwright, /usr/bin/chromium; no browser is downloaded) and photographs each page.
//   dotnet run -c Release --project tools/CyDef.Screenshots -- [OUTPUT-FOLDER]     (or: tools/screenshots.sh)
using System.Net;
using System.Net.Sockets;
using CyDef.Server;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

const string Chromium = "/usr/bin/chromium";
const string Key = "screenshots-key-0123456789";
const string Organization = "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01";
var output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("docs", "screenshots"));
if (!File.Exists(Chromium))
{
    Console.Error.WriteLine($"screenshots: Chromium is not installed at {Chromium} (apt-get install chromium)");
    return 2;
}

Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
Directory.CreateDirectory(output);
var folder = Path.Combine(Path.GetTempPath(), "cydef-screenshots-" + Guid.NewGuid().ToString("N"));
using var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
listener.Stop();
await using var app = await CyDefNode.BuildAsync(
[
    "--urls", url, $"--CyDef:DataFolder={folder}", "--Logging:LogLevel:Default=Warning",
    "--CyDef:ApiKeys:0:Name=duty-officer", $"--CyDef:ApiKeys:0:Key={Key}", "--CyDef:ApiKeys:0:Administrator=true", "--CyDef:ApiKeys:0:Clearance=secret",
]);
await app.StartAsync();
try
{
    var store = app.Services.GetRequiredService<IObjectStore>();
    var indicator = await SeedAsync(store);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox", "--disable-gpu"] });
    var context = await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1440, Height = 1000 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/signin");
    await ShootAsync(page, "signin");
    await page.FillAsync("#username", "duty-officer");
    await page.FillAsync("#password", Key);
    await page.ClickAsync("#signin-button");
    await page.WaitForSelectorAsync("#total-count");
    await Task.Delay(1500);
    await ShootAsync(page, "dashboard");
    await page.ClickAsync("#theme-toggle");
    await Task.Delay(500);
    await ShootAsync(page, "dashboard-dark");
    await page.ClickAsync("#theme-toggle");
    await Open(page, "/search?q=modbus", "#search-results");
    await ShootAsync(page, "search");
    await Open(page, "/object/" + indicator, "#graph");
    await ShootAsync(page, "object");
    await Open(page, "/list/indicators", "#list-table");
    await ShootAsync(page, "list");
    await Open(page, "/edit/indicator", "#edit-form");
    await ShootAsync(page, "create");
    Console.WriteLine($"screenshots: 7 pages written to {output}");
    return 0;
}
finally
{
    await app.StopAsync();
    Directory.Delete(folder, recursive: true);
}

async Task Open(IPage page, string path, string selector)
{
    await page.GotoAsync(path);
    await page.WaitForSelectorAsync(selector);
    await Task.Delay(800);
}

async Task ShootAsync(IPage page, string name) =>
    await page.ScreenshotAsync(new() { Path = Path.Combine(output, name + ".png"), FullPage = name == "dashboard" });

// A live picture on top of the demo content: an indicator of a Modbus scanner, SECRET intelligence behind it, and
// sightings of it over the last weeks.
static async Task<string> SeedAsync(IObjectStore store)
{
    var secret = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), Organization);
    var secretId = secret["id"]!.GetString();
    var indicator = "indicator--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e6f70";
    var intrusion = "intrusion-set--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e6f71";
    var sensor = "identity--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e6f72";
    var now = DateTimeOffset.UtcNow;
    string T(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    var t = T(now.AddDays(-30));
    var objects = new List<StixValue>
    {
        Parse($$"""{"type":"identity","spec_version":"2.1","id":"{{Organization}}","created":"{{t}}","modified":"{{t}}","name":"National milCERT","identity_class":"organization"}"""),
        Parse($$"""{"type":"identity","spec_version":"2.1","id":"{{sensor}}","created":"{{t}}","modified":"{{t}}","name":"Sensor grid-north-03","identity_class":"system"}"""),
        secret,
        Parse($$"""{"type":"indicator","spec_version":"2.1","id":"{{indicator}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"Modbus scanner 203.0.113.45","description":"Scans Modbus/TCP on substations","indicator_types":["malicious-activity"],"pattern":"[ipv4-addr:value = '203.0.113.45']","pattern_type":"stix","valid_from":"{{t}}","object_marking_refs":["{{CyDefMarkings.TlpAmber}}"]}"""),
        Parse($$"""{"type":"intrusion-set","spec_version":"2.1","id":"{{intrusion}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"GRIDLOCK","description":"Activity cluster targeting European grid operators","object_marking_refs":["{{secretId}}"]}"""),
        Parse($$"""{"type":"relationship","spec_version":"2.1","id":"relationship--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e6f73","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","relationship_type":"indicates","source_ref":"{{indicator}}","target_ref":"{{intrusion}}","object_marking_refs":["{{secretId}}"]}"""),
    };
    // Sensors placed in countries (located-at a location), threat actors, malware and ATT&CK techniques named by
    // recent relationships and a report: the dashboard's activity panels and map.
    string[] sensors = [sensor];
    var tlp = CyDefMarkings.TlpGreen;
    foreach (var (code, city, n) in new[] { ("EE", "Tallinn", 4), ("LT", "Vilnius", 5), ("PL", "Rzeszów", 6), ("DE", "Berlin", 7), ("RO", "Constanța", 8), ("FI", "Helsinki", 9), ("NL", "Eemshaven", 10), ("LV", "Riga", 11) })
    {
        var location = $"location--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e6{n:x3}";
        var place = n == 4 ? sensor : $"identity--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e7{n:x3}";
        objects.Add(Parse($$"""{"type":"location","spec_version":"2.1","id":"{{location}}","created":"{{t}}","modified":"{{t}}","name":"{{city}}","country":"{{code}}","object_marking_refs":["{{tlp}}"]}"""));
        if (place != sensor)
        {
            objects.Add(Parse($$"""{"type":"identity","spec_version":"2.1","id":"{{place}}","created":"{{t}}","modified":"{{t}}","name":"Sensor {{city.ToLowerInvariant()}}-0{{n % 3 + 1}}","identity_class":"system","object_marking_refs":["{{tlp}}"]}"""));
            sensors = [.. sensors, place];
        }

        objects.Add(Parse($$"""{"type":"relationship","spec_version":"2.1","id":"relationship--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e8{{n:x3}}","created":"{{t}}","modified":"{{t}}","relationship_type":"located-at","source_ref":"{{place}}","target_ref":"{{location}}","object_marking_refs":["{{tlp}}"]}"""));
    }

    var recent = T(now.AddDays(-2));
    var named = new List<string>();
    foreach (var (id, body) in new[]
    {
        ("threat-actor--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e9001", "\"name\":\"STATIC TIDE\",\"threat_actor_types\":[\"nation-state\"]"),
        ("threat-actor--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e9002", "\"name\":\"Amber Kestrel\",\"threat_actor_types\":[\"crime-syndicate\"]"),
        ("malware--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e9003", "\"name\":\"GRIDWIPE\",\"is_family\":true"),
        ("malware--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e9004", "\"name\":\"ModBuster loader\",\"is_family\":true"),
        ("attack-pattern--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e9005", "\"name\":\"Active Scanning\",\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1595\"}]"),
        ("attack-pattern--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5e9006", "\"name\":\"Spearphishing Attachment\",\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1566.001\"}]"),
    })
    {
        objects.Add(Parse($$"""{"type":"{{id[..id.IndexOf("--", StringComparison.Ordinal)]}}","spec_version":"2.1","id":"{{id}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}",{{body}},"object_marking_refs":["{{tlp}}"]}"""));
        named.Add(id);
    }

    var uses = 0;
    foreach (var (source, target, times) in new[] { (0, 2, 3), (0, 4, 3), (1, 3, 2), (1, 5, 2), (0, 5, 1) })
    {
        for (var i = 0; i < times; i++, uses++)
        {
            objects.Add(Parse($$"""{"type":"relationship","spec_version":"2.1","id":"relationship--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5ea{{uses:x3}}","created":"{{recent}}","modified":"{{recent}}","created_by_ref":"{{Organization}}","relationship_type":"uses","source_ref":"{{named[source]}}","target_ref":"{{named[target]}}","object_marking_refs":["{{tlp}}"]}"""));
        }
    }

    objects.Add(Parse($$"""{"type":"report","spec_version":"2.1","id":"report--3f6c1c2e-8a4b-4d7e-9f10-2b3c4d5eb001","created":"{{recent}}","modified":"{{recent}}","created_by_ref":"{{Organization}}","name":"Weekly grid threat summary","published":"{{recent}}","report_types":["threat-report"],"object_refs":["{{named[0]}}","{{named[2]}}","{{named[4]}}","{{indicator}}"],"object_marking_refs":["{{tlp}}"]}"""));
    var random = new Random(3);
    for (var day = 28; day >= 0; day--)
    {
        for (var n = random.Next(0, 5 + (28 - day) / 4); n > 0; n--)
        {
            var at = T(now.AddDays(-day).AddMinutes(-random.Next(0, 600)));
            var where = sensors[random.Next(sensors.Length)];
            objects.Add(Parse($$"""{"type":"sighting","spec_version":"2.1","id":"sighting--{{Guid.NewGuid()}}","created":"{{at}}","modified":"{{at}}","created_by_ref":"{{Organization}}","sighting_of_ref":"{{indicator}}","where_sighted_refs":["{{where}}"],"first_seen":"{{at}}","count":{{random.Next(1, 40)}},"object_marking_refs":["{{CyDefMarkings.TlpAmber}}"]}"""));
        }
    }

    await store.IngestObjectsAsync(objects);
    return indicator;
}

static StixValue Parse(string json) => StixJsonReader.Parse(json).Value ?? throw new ArgumentException(json);
