using CyDef.Stix.Json;

namespace CyDef.Federation;

/// <summary>
/// A check of every object a peer sends before it is stored — the seam where signature verification plugs in
/// (register implementations in the node's services; all of them run, in order). Pulled objects pass here; pushed
/// objects arrive over the TAXII Add Objects endpoint, which the host checks on its own path.
/// </summary>
public interface IInboundCheck
{
    /// <summary>Why the object must be refused (it is then not stored, and logged), or null to accept it.</summary>
    /// <param name="value">The object as the peer sent it, with the peer's provenance (<see cref="Sharing.Provenance"/>), before this node adds its hop.</param>
    /// <param name="peer">The peer it came from.</param>
    string? Refuse(StixValue value, PeerOptions peer);
}

/// <summary>
/// A change to every object this node pushes to a peer, after the sharing policy decided what the peer may have and
/// this node added its hop to the provenance — the seam where an outbound signature plugs in.
/// </summary>
public interface IOutboundTransform
{
    /// <summary>The object to send.</summary>
    /// <param name="value">The object as the policy gives it to the peer.</param>
    /// <param name="peer">The peer.</param>
    StixValue Transform(StixValue value, PeerOptions peer);
}
