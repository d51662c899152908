namespace CyDef.Patterns;

/// <summary>A binary constant (STIX 2.1 §9.2): base64 in apostrophes after a <c>b</c>, e.g. <c>b'ABI='</c>.</summary>
/// <param name="Bytes">The decoded octets.</param>
public sealed record BinaryConstant(EquatableArray<byte> Bytes) : Constant;
