using CyDef.Patterns.Internal;

namespace CyDef.Patterns;

/// <summary>
/// A constant of STIX Patterning (STIX 2.1 §9.2): the right operand of a comparison. One of
/// <see cref="StringConstant"/>, <see cref="IntegerConstant"/>, <see cref="FloatConstant"/>,
/// <see cref="BooleanConstant"/>, <see cref="BinaryConstant"/>, <see cref="HexConstant"/>,
/// <see cref="TimestampConstant"/> or, for <c>IN</c>, <see cref="SetConstant"/>.
/// </summary>
public abstract record Constant
{
    private protected Constant()
    {
    }

    /// <summary>The constant in canonical pattern syntax, e.g. <c>'it\'s'</c>, <c>h'ffd8'</c>.</summary>
    public sealed override string ToString() => PatternFormatter.Format(this);
}
