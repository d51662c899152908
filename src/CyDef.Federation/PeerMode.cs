using System.Text.Json.Serialization;

namespace CyDef.Federation;

/// <summary>How this node exchanges with a peer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PeerMode>))]
public enum PeerMode
{
    /// <summary>This node pulls the peer's collection over TAXII 2.1, woken by the peer's change notices.</summary>
    Pull,

    /// <summary>This node posts to the peer's collection what the peer may see (for a peer that cannot reach this node).</summary>
    Push,
}
