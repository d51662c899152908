namespace CyDef.Patterns;

/// <summary>A boolean constant (STIX 2.1 §9.2): <c>true</c> or <c>false</c>.</summary>
/// <param name="Value">The value.</param>
public sealed record BooleanConstant(bool Value) : Constant;
