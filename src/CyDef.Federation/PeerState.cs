namespace CyDef.Federation;

/// <summary>
/// A peer's cursor and counters, kept in <c>federation/{name}.json</c> of the data folder and rewritten atomically
/// after a page is durably stored (pull) or accepted by the peer (push), at most once a second: a crash repeats what
/// the last second brought, which the idempotent ingest (same id and <c>modified</c>) makes a no-op.
/// </summary>
public sealed record PeerState
{
    /// <summary>The peer's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Pull or push.</summary>
    public PeerMode Mode { get; init; }

    /// <summary>Pull: the <c>added_after</c> of the current run of pages (the peer's <c>date_added</c> of the last version taken before it).</summary>
    public DateTimeOffset? AddedAfter { get; init; }

    /// <summary>Pull: the peer's <c>next</c> token within the current run of pages; null between runs.</summary>
    public string? Next { get; init; }

    /// <summary>Pull: the peer's <c>date_added</c> of the last version read (the next run's <c>added_after</c>).</summary>
    public DateTimeOffset? Seen { get; init; }

    /// <summary>Pull: the newest <c>date_added</c> the peer announced in a change notice.</summary>
    public DateTimeOffset? Announced { get; init; }

    /// <summary>Push: the last sequence number of this node's change feed that was examined and, if the peer may see it, accepted by the peer.</summary>
    public long Sequence { get; init; }

    /// <summary>Versions stored from this peer.</summary>
    public long Received { get; init; }

    /// <summary>Pull: of <see cref="Received"/>, the versions the peer's notice stream carried (stored without a request).</summary>
    public long Carried { get; init; }

    /// <summary>Versions from this peer that this node already held.</summary>
    public long Duplicates { get; init; }

    /// <summary>Pull: versions from this peer refused (invalid STIX, a failed inbound check such as a signature, or not taken: <see cref="PeerOptions.Take"/>); push: versions the peer refused.</summary>
    public long Refused { get; init; }

    /// <summary>Why the last version refused from this peer (pull) or by it (push) was refused: the object, its version and the reason.</summary>
    public string? LastRefusal { get; init; }

    /// <summary>When <see cref="LastRefusal"/> happened.</summary>
    public DateTimeOffset? LastRefusalAt { get; init; }

    /// <summary>Versions from this peer dropped because they had already passed through this node (a loop).</summary>
    public long Looped { get; init; }

    /// <summary>
    /// Pull: the position of the peer's deletion log up to which its deletions were applied (told again from there after
    /// a reconnection); push: the position of this node's deletion log up to which the peer was told.
    /// </summary>
    public long Deletions { get; init; }

    /// <summary>Pull: versions deleted here because the peer, from which this node had them, deleted them; push: versions the peer deleted because this node did.</summary>
    public long Deleted { get; init; }

    /// <summary>Versions pushed to this peer and accepted by it.</summary>
    public long Sent { get; init; }

    /// <summary>When a sync with the peer last ended without an error.</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    /// <summary>The last error, cleared by the next success.</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }
}
