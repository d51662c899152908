using CyDef.Stix;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// A constant of a comparison prepared for evaluation, with the comparison rules of §9.6: numbers compare by value
/// (integers with floats), strings by code point (§9.6.2), binary as unsigned octets (§9.6.3), a string with a
/// binary value as its octets when every code point is below U+0100 (§9.6.4), timestamps by instant. Other pairs
/// are incompatible types (§9.6.1): neither equal nor ordered.
/// </summary>
internal sealed class TypedConstant
{
    private readonly Constant _constant;
    private readonly byte[]? _bytes;
    private readonly string? _text;
    private readonly StixTimestamp? _instant;

    public TypedConstant(Constant constant)
    {
        _constant = constant;
        switch (constant)
        {
            case StringConstant s:
                _text = s.Value;
                _bytes = Latin1(s.Value);
                break;
            case BinaryConstant b:
                _bytes = [.. b.Bytes];
                break;
            case HexConstant h:
                _bytes = [.. h.Bytes];
                break;
            case TimestampConstant t:
                _instant = t.Instant;
                break;
        }
    }

    public Constant Constant => _constant;

    public bool IsTimestamp => _constant is TimestampConstant;

    public bool Equal(in Operand value) => _constant is BooleanConstant b
        ? value.Kind == OperandKind.Boolean && value.Boolean == b.Value
        : Compare(value) == 0;

    /// <summary>
    /// The order of <paramref name="value"/> relative to the constant, or null for incompatible types (booleans have
    /// no order).
    /// </summary>
    public int? Compare(in Operand value)
    {
        switch (_constant)
        {
            case IntegerConstant i when value.Kind == OperandKind.Integer:
                return value.Integer.CompareTo(i.Value);
            case IntegerConstant i when value.Kind == OperandKind.Float:
                return value.Number.CompareTo(i.Value);
            case FloatConstant f when value.Kind is OperandKind.Integer or OperandKind.Float:
                return value.Number.CompareTo(f.Value);
            case StringConstant when value.Kind == OperandKind.String:
                return CodePoints.Compare(value.Text!, _text!);
            case StringConstant or BinaryConstant or HexConstant when value.Kind == OperandKind.Binary:
                return _bytes is null ? null : value.Bytes.AsSpan().SequenceCompareTo(_bytes);
            case BinaryConstant or HexConstant when value.Kind == OperandKind.String:
                return Latin1(value.Text!) is { } octets ? octets.AsSpan().SequenceCompareTo(_bytes) : null;
            case TimestampConstant t when value.Kind == OperandKind.String:
                return CompareTimestamp(t, value.Text!);
            default:
                return null;
        }
    }

    private int CompareTimestamp(TimestampConstant constant, string text)
    {
        if (_instant is not { } instant)
        {
            throw new EvaluationException($"the timestamp constant t'{constant.Text}' names no real instant (STIX 2.1 §2.16)");
        }

        if (!JsonTimestamps.TryParse(text, out var value))
        {
            throw new EvaluationException($"'{text}' is compared with a timestamp but is not one (STIX 2.1 §2.16)");
        }

        return value.CompareTo(instant);
    }

    /// <summary>§9.6.4: a string as octets, possible when all its code points are below U+0100.</summary>
    public static byte[]? Latin1(string text)
    {
        if (text.AsSpan().ContainsAnyExceptInRange('\0', '\u00ff'))
        {
            return null;
        }

        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        return bytes;
    }
}
