namespace CyDef.Patterns;

/// <summary>An integer constant (STIX 2.1 §9.2), within the range of §2.10: −(2⁵³−1) to 2⁵³−1.</summary>
/// <param name="Value">The value.</param>
public sealed record IntegerConstant(long Value) : Constant;
