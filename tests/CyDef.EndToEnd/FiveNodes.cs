namespace CyDef.EndToEnd;

/// <summary>
/// Five node processes: a coordination centre (CC), three military CERTs (MIL1–MIL3) and a civilian CSIRT, in two
/// communities and at four clearances. CC pulls the MILs; each MIL pulls CC and the other MILs; the CSIRT pulls CC and,
/// being unreachable inbound, pushes to CC. Every node gives each node that pulls it a key carrying that node's
/// organisation, clearance, nationality and communities.
/// </summary>
internal sealed class FiveNodes : IAsyncDisposable
{
    public const string Military = "community--eu-milcerts";
    public const string Civilian = "community--csirts-network";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cydef-e2e-" + Guid.NewGuid().ToString("N"));

    public FiveNodes(int pageSize = 1000)
    {
        Cc = Node("cc", "c0", "secret", "BE", Military, Civilian);
        Mil1 = Node("mil1", "a1", "secret", "DE", Military);
        Mil2 = Node("mil2", "a2", "secret", "FR", Military);
        Mil3 = Node("mil3", "a3", "confidential", "PL", Military);
        Csirt = Node("csirt", "b1", "unclassified", "NL", Civilian);
        All = [Cc, Mil1, Mil2, Mil3, Csirt];
        foreach (var mil in (NodeProcess[])[Mil1, Mil2, Mil3])
        {
            Pull(Cc, mil, pageSize);
            Pull(mil, Cc, pageSize);
            foreach (var other in (NodeProcess[])[Mil1, Mil2, Mil3])
            {
                if (other != mil)
                {
                    Pull(mil, other, pageSize);
                }
            }
        }

        Pull(Csirt, Cc, pageSize);
        Push(Csirt, Cc);
    }

    public NodeProcess Cc { get; }

    public NodeProcess Mil1 { get; }

    public NodeProcess Mil2 { get; }

    public NodeProcess Mil3 { get; }

    public NodeProcess Csirt { get; }

    public IReadOnlyList<NodeProcess> All { get; }

    private Dictionary<NodeProcess, Attributes> Viewers { get; } = [];

    private Dictionary<NodeProcess, int> Keys { get; } = [];

    private Dictionary<NodeProcess, int> Peers { get; } = [];

    private HashSet<string> Issued { get; } = [];

    public async Task StartAsync()
    {
        foreach (var node in All)
        {
            node.Start();
        }

        foreach (var node in All)
        {
            await node.WaitHealthyAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in All)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public string Logs() => string.Join("\n", All.Select(n => $"--- {n.Name} ---\n{n.Log}"));

    private NodeProcess Node(string name, string org, string clearance, string country, params string[] communities)
    {
        var node = new NodeProcess(name, $"identity--{org}000000-0000-4000-8000-000000000000", _root);
        node.Set($"CyDef:Sharing:Organization={node.Organization}", $"CyDef:Sharing:Clearance={clearance}", $"CyDef:Sharing:Nationality={country}");
        node.Set(communities.Select((c, i) => $"CyDef:Sharing:Communities:{i}={c}").ToArray());
        Viewers[node] = new Attributes(clearance, country, communities);
        Keys[node] = 1;
        Peers[node] = 0;
        return node;
    }

    // 'puller' pulls 'source': the source gives it a key with the puller's viewer attributes.
    private void Pull(NodeProcess puller, NodeProcess source, int pageSize)
    {
        var key = Key(source, puller);
        var n = Peers[puller]++;
        puller.Set($"CyDef:Peers:{n}:Name={source.Name}", $"CyDef:Peers:{n}:Url={source.ApiRoot}", $"CyDef:Peers:{n}:ApiKey={key}",
            $"CyDef:Peers:{n}:Organization={source.Organization}", $"CyDef:Peers:{n}:PageSize={pageSize}", $"CyDef:Peers:{n}:PollSeconds=5");
    }

    // 'pusher' pushes to 'target' with the target's viewer attributes; the target gives it a key that may write.
    private void Push(NodeProcess pusher, NodeProcess target)
    {
        var key = Key(target, pusher);
        var n = Peers[pusher]++;
        var viewer = Viewers[target];
        pusher.Set($"CyDef:Peers:{n}:Name={target.Name}-push", $"CyDef:Peers:{n}:Mode=Push", $"CyDef:Peers:{n}:Url={target.ApiRoot}collections/default/",
            $"CyDef:Peers:{n}:ApiKey={key}", $"CyDef:Peers:{n}:Organization={target.Organization}", $"CyDef:Peers:{n}:Clearance={viewer.Clearance}",
            $"CyDef:Peers:{n}:Nationality={viewer.Country}", $"CyDef:Peers:{n}:PollSeconds=5");
        pusher.Set(viewer.Communities.Select((c, i) => $"CyDef:Peers:{n}:Communities:{i}={c}").ToArray());
    }

    private string Key(NodeProcess server, NodeProcess holder)
    {
        var key = $"{holder.Name}-at-{server.Name}";
        if (!Issued.Add(key))
        {
            return key;
        }

        var n = Keys[server]++;
        var viewer = Viewers[holder];
        server.Set($"CyDef:ApiKeys:{n}:Key={key}", $"CyDef:ApiKeys:{n}:Name={holder.Name}", $"CyDef:ApiKeys:{n}:Peer=true",
            $"CyDef:ApiKeys:{n}:Organization={holder.Organization}", $"CyDef:ApiKeys:{n}:Clearance={viewer.Clearance}",
            $"CyDef:ApiKeys:{n}:Nationality={viewer.Country}", $"CyDef:ApiKeys:{n}:Read:0=*", $"CyDef:ApiKeys:{n}:Write:0=*");
        server.Set(viewer.Communities.Select((c, i) => $"CyDef:ApiKeys:{n}:Communities:{i}={c}").ToArray());
        return key;
    }

    private sealed record Attributes(string Clearance, string Country, string[] Communities);
}
