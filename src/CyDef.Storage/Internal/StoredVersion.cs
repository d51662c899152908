namespace CyDef.Storage.Internal;

/// <summary>What the planner needs to know of a version already stored (or accepted earlier in the same batch), or of a deleted one (a tombstone).</summary>
internal sealed class StoredVersion(string modifiedKey, long sequence, bool latest, bool revoked, PreparedObject? pending = null, bool deleted = false)
{
    public string ModifiedKey { get; } = modifiedKey;

    public long Sequence { get; } = sequence;

    public bool Latest { get; set; } = latest;

    public bool Revoked { get; } = revoked;

    /// <summary>The version when it was accepted in this batch and is not written yet.</summary>
    public PreparedObject? Pending { get; } = pending;

    /// <summary>A tombstone: the version was deleted by an administrator and is not stored again.</summary>
    public bool Deleted { get; } = deleted;

    public static StoredVersion Tombstone(string modifiedKey) => new(modifiedKey, 0, latest: false, revoked: false, deleted: true);
}
