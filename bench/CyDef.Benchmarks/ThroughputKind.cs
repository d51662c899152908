namespace CyDef.Benchmarks;

/// <summary>What a <see cref="ThroughputColumn"/> shows.</summary>
internal enum ThroughputKind
{
    /// <summary>Input megabytes (2^20 bytes) per second of the mean time.</summary>
    MegabytesPerSecond,

    /// <summary>Input objects per second of the mean time.</summary>
    ObjectsPerSecond,

    /// <summary>Bytes allocated per operation divided by the input's objects.</summary>
    BytesAllocatedPerObject,

    /// <summary>This method's throughput divided by the bare Utf8JsonReader pass's on the same input.</summary>
    RelativeToBare,
}
