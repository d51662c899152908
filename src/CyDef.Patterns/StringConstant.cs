namespace CyDef.Patterns;

/// <summary>A string constant (STIX 2.1 §9.2), written in apostrophes with <c>\'</c> and <c>\\</c> as the only escapes.</summary>
/// <param name="Value">The string, unescaped.</param>
public sealed record StringConstant(string Value) : Constant;
