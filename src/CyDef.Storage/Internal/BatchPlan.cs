namespace CyDef.Storage.Internal;

/// <summary>
/// What one batch writes, decided inside its transaction (with the store's state row locked): the versions accepted,
/// each with its sequence number, date added and latest flag; the stored versions that stop being the latest; and
/// the duplicates and rejections.
/// </summary>
internal sealed class BatchPlan
{
    public List<PreparedObject> Accepted { get; } = [];

    /// <summary>Sequence numbers of stored versions that a newer version in this batch replaces as the latest.</summary>
    public List<long> NoLongerLatest { get; } = [];

    public int Duplicates { get; set; }

    public List<IngestRejection> Rejections { get; } = [];

    public long LastSequence { get; set; }

    /// <summary>The last date added, in microseconds since the Unix epoch.</summary>
    public long LastDateAdded { get; set; }

    /// <summary>
    /// Plans <paramref name="batch"/> against the versions already stored for its ids. Sequence numbers continue from
    /// <paramref name="lastSequence"/> without a gap; dates added are strictly increasing microseconds (never before
    /// <paramref name="nowMicros"/>), so that <c>added_after</c> with a page's last date added resumes exactly.
    /// </summary>
    public static BatchPlan Make(IReadOnlyList<PreparedObject> batch, Dictionary<string, List<StoredVersion>> stored, long lastSequence, long lastDateAdded, long nowMicros)
    {
        var plan = new BatchPlan { LastSequence = lastSequence, LastDateAdded = lastDateAdded };
        foreach (var item in batch)
        {
            if (!stored.TryGetValue(item.Id, out var versions))
            {
                versions = [];
                stored.Add(item.Id, versions);
            }

            plan.Place(item, versions, nowMicros);
        }

        return plan;
    }

    /// <summary>The accepted versions as stored, for <see cref="IObjectStore.Committed"/> (a snapshot: a later batch may demote them).</summary>
    public CommittedVersions Committed()
    {
        var versions = new StoredObject[Accepted.Count];
        for (var i = 0; i < versions.Length; i++)
        {
            var item = Accepted[i];
            versions[i] = new StoredObject(item.Sequence, item.Id, item.Type, item.Modified, item.SpecVersion, Rows.FromMicros(item.DateAdded), item.Latest, item.Revoked, item.Json);
        }

        return new CommittedVersions(versions[0].Sequence - 1, versions);
    }

    private void Place(PreparedObject item, List<StoredVersion> versions, long nowMicros)
    {
        StoredVersion? latest = null;
        foreach (var version in versions)
        {
            if (version.ModifiedKey == item.ModifiedKey)
            {
                if (version.Deleted)
                {
                    // A tombstone: an administrator deleted this version; a peer or a re-run import must not bring it back.
                    Rejections.Add(new IngestRejection(item.Path, item.Id, [new IngestProblem(item.Path, $"this version of '{item.Id}' was deleted from the store by an administrator; it is not stored again")]));
                    return;
                }

                Duplicates++;
                return;
            }

            latest = version.Latest && !version.Deleted ? version : latest;
        }

        var newer = latest is null || string.CompareOrdinal(item.ModifiedKey, latest.ModifiedKey) > 0;
        if (newer && latest is { Revoked: true })
        {
            // §3.6: a revoked object gets no later version.
            Rejections.Add(new IngestRejection(item.Path, item.Id, [new IngestProblem(item.Path, $"'{item.Id}' is revoked: no later version may be created (STIX 2.1 §3.6)")]));
            return;
        }

        Accept(item, newer, nowMicros);
        if (newer && latest is not null)
        {
            Demote(latest);
        }

        versions.Add(new StoredVersion(item.ModifiedKey, item.Sequence, item.Latest, item.Revoked, item));
    }

    private void Accept(PreparedObject item, bool latest, long nowMicros)
    {
        item.Sequence = ++LastSequence;
        item.DateAdded = LastDateAdded = Math.Max(nowMicros, LastDateAdded + 1);
        item.Latest = latest;
        Accepted.Add(item);
    }

    private void Demote(StoredVersion latest)
    {
        latest.Latest = false;
        if (latest.Pending is { } pending)
        {
            pending.Latest = false;
        }
        else
        {
            NoLongerLatest.Add(latest.Sequence);
        }
    }
}
