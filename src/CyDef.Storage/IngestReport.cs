namespace CyDef.Storage;

/// <summary>The outcome of an ingest.</summary>
/// <param name="Accepted">Versions stored.</param>
/// <param name="Duplicates">Versions already stored (same id and <c>modified</c>), skipped as no-ops.</param>
/// <param name="Rejected">Items not stored: unreadable, invalid, or a new version of a revoked object.</param>
/// <param name="Rejections">The reasons, for the first <see cref="IngestOptions.MaxReportedRejections"/> rejected items.</param>
/// <param name="FirstSequence">The sequence number of the first version stored; null when none was.</param>
/// <param name="LastSequence">The sequence number of the last version stored; null when none was.</param>
/// <param name="Elapsed">How long the ingest took.</param>
public sealed record IngestReport(
    long Accepted,
    long Duplicates,
    long Rejected,
    IReadOnlyList<IngestRejection> Rejections,
    long? FirstSequence,
    long? LastSequence,
    TimeSpan Elapsed)
{
    /// <summary>Items read: accepted, duplicates and rejected.</summary>
    public long Total => Accepted + Duplicates + Rejected;
}
