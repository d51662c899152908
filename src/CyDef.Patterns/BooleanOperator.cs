namespace CyDef.Patterns;

/// <summary>The Boolean Operators that join comparison expressions (STIX 2.1 §9.6); <c>AND</c> binds tighter.</summary>
public enum BooleanOperator : byte
{
    /// <summary><c>AND</c>: both are true of the same object.</summary>
    And,
    /// <summary><c>OR</c>: either is true.</summary>
    Or,
}
