namespace CyDef.Detection.Index;

/// <summary>One lookup of an event's value in the <see cref="ExactTable"/>: which value, on which one or two paths, and its hash.</summary>
internal struct ExactProbe
{
    /// <summary>In <see cref="Second"/>: no second path.</summary>
    public const byte None = byte.MaxValue;

    /// <summary>Which of the events matched together.</summary>
    public int Event;

    public int Value;
    public byte Path;
    public byte Second;

    /// <summary>The value's <see cref="ValueHash.Of(ReadOnlySpan{byte})"/>, whatever its path.</summary>
    public uint Hash;
}
