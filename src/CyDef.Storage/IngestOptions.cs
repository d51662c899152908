using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Storage;

/// <summary>How an ingest reads, validates and commits.</summary>
public sealed record IngestOptions
{
    /// <summary>The defaults: default validation, 10,000 versions per transaction.</summary>
    public static IngestOptions Default { get; } = new();

    /// <summary>How objects are validated; an object with an error is rejected (warnings do not reject).</summary>
    public ValidationOptions Validation { get; init; } = ValidationOptions.Default;

    /// <summary>The reader's limits.</summary>
    public StixReadOptions Read { get; init; } = StixReadOptions.Default;

    /// <summary>
    /// Versions per transaction: a crash loses at most the batch being written, never part of one. Larger batches
    /// rewrite the pages of the id and value indexes less often (bench/README.md) at the cost of memory: up to four
    /// batches are held at once.
    /// </summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = value is >= 1 and <= 100_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A batch holds 1 to 100,000 versions.");
    }

    /// <summary>
    /// Applied to each valid object before it is stored (for a batch at a time, on every core: it must be thread-safe;
    /// the objects keep their order): the object to store instead — the node signs its own publications here — or a refusal, which rejects the object with its
    /// reason. Null (the default) stores objects as they are.
    /// </summary>
    public Func<StixValue, IngestAdmission>? Admit { get; init; }

    /// <summary>
    /// Applied to the valid objects of a batch together, after <see cref="Admit"/> (to those it admitted), before they
    /// are stored in one transaction: one admission per object, in their order. The node signs its own publications
    /// here, a batch with one signature (docs/signatures.md). Null (the default) stores objects as they are.
    /// </summary>
    public Func<IReadOnlyList<StixValue>, IReadOnlyList<IngestAdmission>>? AdmitBatch { get; init; }

    /// <summary>How many rejections the report describes (all are counted).</summary>
    public int MaxReportedRejections { get; init; } = 1000;

    private readonly int _batchSize = 10_000;
}

/// <summary>What <see cref="IngestOptions.Admit"/> makes of an object: the object to store, or why it is refused.</summary>
/// <param name="Value">The object to store, when admitted.</param>
/// <param name="Refusal">Why it is refused, when it is.</param>
public readonly record struct IngestAdmission(StixValue? Value, string? Refusal)
{
    /// <summary>Stores <paramref name="value"/>.</summary>
    /// <param name="value">The object to store.</param>
    public static IngestAdmission Store(StixValue value) => new(value, null);

    /// <summary>Refuses the object.</summary>
    /// <param name="reason">Why, for the ingest report.</param>
    public static IngestAdmission Refuse(string reason) => new(null, reason);
}
