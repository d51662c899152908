namespace CyDef.Storage.Internal;

/// <summary>What the reading side hands the writing side: prepared objects, the items rejected among them, and how far the input was read.</summary>
internal sealed class IngestBatch(int capacity)
{
    public List<PreparedObject> Objects { get; } = new(capacity);

    public List<IngestRejection> Rejected { get; } = [];

    public long BytesRead { get; set; }
}
