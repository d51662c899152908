namespace CyDef.Patterns;

/// <summary>The version of STIX whose patterning grammar a pattern is written in.</summary>
public enum StixPatternVersion : byte
{
    /// <summary>STIX 2.1 (§9): <c>START t'…' STOP t'…'</c>.</summary>
    Stix21,
    /// <summary>STIX 2.0: as 2.1, except that <c>START</c> and <c>STOP</c> take string constants.</summary>
    Stix20,
}
