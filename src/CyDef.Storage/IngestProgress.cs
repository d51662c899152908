namespace CyDef.Storage;

/// <summary>Where an ingest stands after a committed batch.</summary>
/// <param name="BytesRead">Input bytes consumed so far (0 for objects ingested from memory).</param>
/// <param name="Accepted">Versions stored so far.</param>
/// <param name="Duplicates">Versions already stored (same id and <c>modified</c>), skipped.</param>
/// <param name="Rejected">Items rejected so far.</param>
/// <param name="LastSequence">The change feed's last sequence number after the batch.</param>
public readonly record struct IngestProgress(long BytesRead, long Accepted, long Duplicates, long Rejected, long LastSequence);
