namespace CyDef.Fuzz;

/// <summary>The fuzz targets by name (<c>--target NAME</c>); <c>stix</c> unless told otherwise.</summary>
internal static class FuzzTargets
{
    public delegate void Target(ReadOnlySpan<byte> input);

    public static Target Current { get; private set; } = StixFuzzTarget.Run;

    public static bool Select(string name)
    {
        Target? target = name switch
        {
            "stix" => StixFuzzTarget.Run,
            "patterns" => PatternFuzzTarget.Run,
            _ => null,
        };
        Current = target ?? Current;
        return target is not null;
    }
}
