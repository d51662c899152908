using CyDef.Stix.Json;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>What kind of value a JSON value is for comparison (§9.6.4: in its native format).</summary>
internal enum OperandKind : byte
{
    Other,
    String,
    Integer,
    Float,
    Boolean,
    Binary,
}

/// <summary>A selected property value in its native format: binary properties (<c>_bin</c>, <c>_hex</c>) decoded.</summary>
internal readonly struct Operand
{
    private Operand(OperandKind kind, string? text, long integer, double number, bool boolean, byte[]? bytes)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Number = number;
        Boolean = boolean;
        Bytes = bytes;
    }

    public OperandKind Kind { get; }

    public string? Text { get; }

    public long Integer { get; }

    public double Number { get; }

    public bool Boolean { get; }

    public byte[]? Bytes { get; }

    /// <param name="value">The JSON value.</param>
    /// <param name="binaryKey">The property it came from ends in <c>_bin</c> (base64) or <c>_hex</c>, or null.</param>
    public static Operand From(StixValue value, string? binaryKey)
    {
        switch (value.Kind)
        {
            case StixValueKind.String when binaryKey is not null:
                return TryDecode(value.GetString(), binaryKey) is { } bytes ? new(OperandKind.Binary, null, 0, 0, false, bytes) : default;
            case StixValueKind.String:
                return new(OperandKind.String, value.GetString(), 0, 0, false, null);
            case StixValueKind.Number when value.TryGetInt64(out var integer):
                return new(OperandKind.Integer, null, integer, integer, false, null);
            case StixValueKind.Number when value.TryGetDouble(out var number):
                return new(OperandKind.Float, null, 0, number, false, null);
            case StixValueKind.True or StixValueKind.False:
                return new(OperandKind.Boolean, null, 0, 0, value.GetBoolean(), null);
            default:
                return default;
        }
    }

    /// <summary>The key's suffix says how a binary value is written: <c>_hex</c> in hex, <c>_bin</c> in base64 (§2.1, §2.8).</summary>
    public static string? BinaryKey(string key) =>
        key.EndsWith("_hex", StringComparison.Ordinal) || key.EndsWith("_bin", StringComparison.Ordinal) ? key : null;

    private static byte[]? TryDecode(string text, string key)
    {
        try
        {
            return key.EndsWith("_hex", StringComparison.Ordinal) ? Convert.FromHexString(text) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
