namespace CyDef.Patterns;

/// <summary>A hex constant (STIX 2.1 §9.2): pairs of hexadecimal digits in apostrophes after an <c>h</c>, e.g. <c>h'ffd8'</c>.</summary>
/// <param name="Bytes">The decoded octets.</param>
public sealed record HexConstant(EquatableArray<byte> Bytes) : Constant;
