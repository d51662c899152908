namespace CyDef.Storage.Internal;

/// <summary>An engine's write path: commits one batch in one transaction and tells what it decided.</summary>
internal interface IBatchWriter
{
    /// <summary>
    /// Plans (<see cref="BatchPlan.Make"/>) and writes <paramref name="batch"/> in one transaction, with the sequence
    /// numbers taken from the store's state row inside it. Callers serialise calls.
    /// </summary>
    Task<BatchPlan> CommitAsync(IReadOnlyList<PreparedObject> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the store's <see cref="IObjectStore.FeedAppended"/> and <see cref="IObjectStore.Committed"/> handlers of
    /// the versions <paramref name="plan"/> added (at least one).
    /// </summary>
    void Appended(BatchPlan plan);
}
