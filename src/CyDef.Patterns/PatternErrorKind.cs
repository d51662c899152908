namespace CyDef.Patterns;

/// <summary>Why a pattern was rejected.</summary>
public enum PatternErrorKind : byte
{
    /// <summary>The text does not follow the grammar of STIX Patterning (STIX 2.1 §9 and its ANTLR grammar).</summary>
    Syntax,
    /// <summary>The text follows the grammar but breaks a rule of §9 the grammar cannot express (e.g. <c>START</c> after <c>STOP</c>).</summary>
    Semantic,
    /// <summary>The text is beyond what the parser accepts: parentheses nested deeper than <see cref="StixPattern.MaxDepth"/>.</summary>
    Limit,
}
