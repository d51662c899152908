namespace CyDef.Storage.Internal;

/// <summary>What the planner needs to know of a version already stored (or accepted earlier in the same batch).</summary>
internal sealed class StoredVersion(string modifiedKey, long sequence, bool latest, bool revoked, PreparedObject? pending = null)
{
    public string ModifiedKey { get; } = modifiedKey;

    public long Sequence { get; } = sequence;

    public bool Latest { get; set; } = latest;

    public bool Revoked { get; } = revoked;

    /// <summary>The version when it was accepted in this batch and is not written yet.</summary>
    public PreparedObject? Pending { get; } = pending;
}
