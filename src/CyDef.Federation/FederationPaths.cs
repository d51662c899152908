namespace CyDef.Federation;

/// <summary>Where a node serves federation's own endpoints.</summary>
public static class FederationPaths
{
    /// <summary>The change-notice stream (server-sent events).</summary>
    public const string ChangeStream = "/api/v1/changes/stream";

    /// <summary>Where a pushing peer tells this node of the versions it deleted (POST, peer keys).</summary>
    public const string Deletions = "/api/v1/changes/deletions";

    /// <summary>The peers' sync status.</summary>
    public const string Peers = "/api/v1/peers";

    /// <summary>The folder of the peers' cursor and status files in the data folder.</summary>
    public const string StateFolder = "federation";
}
