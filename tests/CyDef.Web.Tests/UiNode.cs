using System.Net;
using System.Net.Sockets;
using CyDef.Server;
using CyDef.Server.Web.Picture;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Web.Tests;

/// <summary>
/// A real node on 127.0.0.1 (Kestrel on a free port, as <c>cydef serve</c> runs it) with three users and a small
/// picture: an administrator and an analyst cleared for SECRET, a reader cleared for nothing above UNCLASSIFIED, and
/// objects of which one indicator and one relationship are classified SECRET.
/// </summary>
public sealed class UiNode : IAsyncLifetime
{
    public const string Organization = "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01";
    public const string SecretIndicator = "indicator--5e0e2c5a-7a53-4b67-9c44-0d3f8e2f0a01";
    public const string SecretRelationship = "relationship--5e0e2c5a-7a53-4b67-9c44-0d3f8e2f0a02";
    public const string Malware = "malware--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e01";
    public const string GreenIndicator = "indicator--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e02";
    public const string GreenRelationship = "relationship--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e03";
    public const string GreenActor = "threat-actor--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e04";
    public const string SecretActor = "threat-actor--5e0e2c5a-7a53-4b67-9c44-0d3f8e2f0a03";
    public const string SecretSighting = "sighting--5e0e2c5a-7a53-4b67-9c44-0d3f8e2f0a04";
    public const string Sensor = "identity--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e05";
    public const string Technique = "attack-pattern--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e06";

    /// <summary>Where the sensor is (located-at): the map shows its sightings for everyone.</summary>
    public const string SensorCountry = "EE";

    /// <summary>Where the SECRET sighting was made: only a cleared user's map shows it.</summary>
    public const string SecretCountry = "LT";

    public static readonly (string Name, string Key) Administrator = ("admin", "admin-key-0123456789");
    public static readonly (string Name, string Key) Analyst = ("analyst", "analyst-key-0123456789");
    public static readonly (string Name, string Key) Visitor = ("visitor", "visitor-key-0123456789");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-ui-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public IObjectStore Store => _app!.Services.GetRequiredService<IObjectStore>();

    public PictureIndex Picture => _app!.Services.GetRequiredService<PictureIndex>();

    public IServiceProvider Services => _app!.Services;

    public static string SecretMarking { get; } = CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), Organization)["id"]!.GetString();

    public async Task InitializeAsync()
    {
        Url = $"http://127.0.0.1:{FreePort()}";
        string[] args =
        [
            "--urls", Url, $"--CyDef:DataFolder={_folder}", "--CyDef:LoadDemo=false", "--Logging:LogLevel:Default=Warning",
            .. Key(0, Administrator, "--CyDef:ApiKeys:0:Administrator=true", "--CyDef:ApiKeys:0:Clearance=secret"),
            .. Key(1, Analyst, "--CyDef:ApiKeys:1:Roles:0=analyst", "--CyDef:ApiKeys:1:Clearance=secret"),
            .. Key(2, Visitor, "--CyDef:ApiKeys:2:Roles:0=reader", "--CyDef:ApiKeys:2:Clearance=unclassified"),
        ];
        _app = await CyDefNode.BuildAsync(args);
        await _app.StartAsync();
        var report = await Store.IngestObjectsAsync(Seed());
        Assert.Equal(0, report.Rejected);
        await Picture.WaitForAsync(await Store.GetLastSequenceAsync());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Stores objects and waits until the UI's index has them.</summary>
    public async Task IngestAsync(params StixValue[] objects)
    {
        var report = await Store.IngestObjectsAsync(objects);
        Assert.Equal(0, report.Rejected);
    }

    private static string[] Key(int i, (string Name, string Key) user, params string[] more) =>
        [$"--CyDef:ApiKeys:{i}:Name={user.Name}", $"--CyDef:ApiKeys:{i}:Key={user.Key}", .. more];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IEnumerable<StixValue> Seed()
    {
        const string t = "2026-03-01T10:00:00.000Z";
        yield return Parse($$"""{"type":"identity","spec_version":"2.1","id":"{{Organization}}","created":"{{t}}","modified":"{{t}}","name":"CyDef test CERT","identity_class":"organization"}""");
        yield return CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Secret), Organization);
        var green = CyDefMarkings.TlpGreen;
        yield return Parse($$"""{"type":"malware","spec_version":"2.1","id":"{{Malware}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"Blackcap loader","is_family":true,"description":"Loader seen against energy operators","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"indicator","spec_version":"2.1","id":"{{GreenIndicator}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"Blackcap C2 address","pattern":"[ipv4-addr:value = '203.0.113.9']","pattern_type":"stix","valid_from":"{{t}}","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"relationship","spec_version":"2.1","id":"{{GreenRelationship}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","relationship_type":"indicates","source_ref":"{{GreenIndicator}}","target_ref":"{{Malware}}","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"indicator","spec_version":"2.1","id":"{{SecretIndicator}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"Nightjar beacon","description":"nightjar implant beacon","pattern":"[domain-name:value = 'nightjar.example']","pattern_type":"stix","valid_from":"{{t}}","object_marking_refs":["{{SecretMarking}}"]}""");
        yield return Parse($$"""{"type":"relationship","spec_version":"2.1","id":"{{SecretRelationship}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","relationship_type":"indicates","source_ref":"{{SecretIndicator}}","target_ref":"{{Malware}}","object_marking_refs":["{{SecretMarking}}"]}""");

        // Recent activity (within the dashboard's 30 days): a GREEN sensor in Estonia sighting the GREEN indicator,
        // GREEN relationships naming a GREEN threat actor and an ATT&CK technique; a SECRET sighting of a SECRET
        // threat actor made in Lithuania.
        var now = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        const string estonia = "location--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e07";
        const string lithuania = "location--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e08";
        yield return Parse($$"""{"type":"location","spec_version":"2.1","id":"{{estonia}}","created":"{{t}}","modified":"{{t}}","name":"Tallinn","country":"{{SensorCountry}}","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"location","spec_version":"2.1","id":"{{lithuania}}","created":"{{t}}","modified":"{{t}}","name":"Vilnius","country":"{{SecretCountry}}","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"identity","spec_version":"2.1","id":"{{Sensor}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"Suricata at the Tallinn exchange","identity_class":"system","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"relationship","spec_version":"2.1","id":"relationship--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e09","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","relationship_type":"located-at","source_ref":"{{Sensor}}","target_ref":"{{estonia}}","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"threat-actor","spec_version":"2.1","id":"{{GreenActor}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"Grey Heron","threat_actor_types":["crime-syndicate"],"object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"attack-pattern","spec_version":"2.1","id":"{{Technique}}","created":"{{t}}","modified":"{{t}}","name":"Spearphishing Attachment","external_references":[{"source_name":"mitre-attack","external_id":"T1566.001"}],"object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"relationship","spec_version":"2.1","id":"relationship--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e0a","created":"{{now}}","modified":"{{now}}","created_by_ref":"{{Organization}}","relationship_type":"uses","source_ref":"{{GreenActor}}","target_ref":"{{Malware}}","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"relationship","spec_version":"2.1","id":"relationship--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e0b","created":"{{now}}","modified":"{{now}}","created_by_ref":"{{Organization}}","relationship_type":"uses","source_ref":"{{GreenActor}}","target_ref":"{{Technique}}","object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"sighting","spec_version":"2.1","id":"sighting--7b1c3d2e-0f4a-4b5c-8d6e-1a2b3c4d5e0c","created":"{{now}}","modified":"{{now}}","created_by_ref":"{{Organization}}","sighting_of_ref":"{{GreenIndicator}}","where_sighted_refs":["{{Sensor}}"],"first_seen":"{{now}}","count":48,"object_marking_refs":["{{green}}"]}""");
        yield return Parse($$"""{"type":"threat-actor","spec_version":"2.1","id":"{{SecretActor}}","created":"{{t}}","modified":"{{t}}","created_by_ref":"{{Organization}}","name":"Nightjar group","threat_actor_types":["nation-state"],"object_marking_refs":["{{SecretMarking}}"]}""");
        yield return Parse($$"""{"type":"sighting","spec_version":"2.1","id":"{{SecretSighting}}","created":"{{now}}","modified":"{{now}}","created_by_ref":"{{Organization}}","sighting_of_ref":"{{SecretActor}}","where_sighted_refs":["{{lithuania}}"],"first_seen":"{{now}}","count":2,"object_marking_refs":["{{SecretMarking}}"]}""");
    }

    public static StixValue Parse(string json) => StixJsonReader.Parse(json).Value ?? throw new ArgumentException(json);
}

[CollectionDefinition(Name)]
public sealed class UiNodeCollection : ICollectionFixture<UiNode>, ICollectionFixture<Browser>
{
    public const string Name = "ui node";
}
