namespace CyDef.Detection.Index;

/// <summary>One lookup of an event's value in the <see cref="ExactTable"/>: which value, on which path, and its hash.</summary>
internal struct ExactProbe
{
    public int Value;
    public byte Path;
    public uint Hash;
}
