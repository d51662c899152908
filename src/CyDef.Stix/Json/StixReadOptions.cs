namespace CyDef.Stix.Json;

/// <summary>Limits that protect a reader from hostile input.</summary>
public sealed record StixReadOptions
{
    /// <summary>The defaults: nesting up to 64 levels, strings of any length the input holds.</summary>
    public static StixReadOptions Default { get; } = new();

    /// <summary>The deepest nesting of objects and arrays accepted (STIX content rarely goes past 10).</summary>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The depth limit is at least 1.");
    }

    /// <summary>
    /// The largest single JSON value (one object of a bundle, one line of NDJSON) a streaming reader
    /// buffers, in bytes.
    /// </summary>
    public int MaxValueBytes { get; init; } = 256 * 1024 * 1024;

    private readonly int _maxDepth = 64;
}
