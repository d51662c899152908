namespace CyDef.Patterns.Internal;

/// <summary>A token: its kind and where it lies in the pattern text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}
