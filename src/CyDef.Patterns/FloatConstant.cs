namespace CyDef.Patterns;

/// <summary>A floating-point constant (STIX 2.1 §9.2), written with a decimal point and no exponent, e.g. <c>7.0</c>.</summary>
/// <param name="Value">The value; finite.</param>
public sealed record FloatConstant(double Value) : Constant;
