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

    /// <summary>How many rejections the report describes (all are counted).</summary>
    public int MaxReportedRejections { get; init; } = 1000;

    private readonly int _batchSize = 10_000;
}
