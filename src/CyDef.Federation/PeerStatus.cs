namespace CyDef.Federation;

/// <summary>A peer's sync status (GET /api/v1/peers, <c>cydef peers</c>).</summary>
/// <param name="Name">The peer's name.</param>
/// <param name="Mode">Pull or push.</param>
/// <param name="Url">The peer's API Root or collection.</param>
/// <param name="Connected">Pull: whether the peer's change-notice stream is open now.</param>
/// <param name="LagSeconds">Pull: how far the last version taken is behind the newest the peer announced, in the peer's <c>date_added</c> time; push: null.</param>
/// <param name="LagVersions">Push: versions of this node's feed not examined yet for the peer; pull: null.</param>
/// <param name="State">The persisted cursor and counters.</param>
public sealed record PeerStatus(string Name, PeerMode Mode, string Url, bool Connected, double? LagSeconds, long? LagVersions, PeerState State);
