namespace CyDef.Patterns.Internal;

/// <summary>The tokens of STIXPattern.g4, with the literal rules folded into one kind per constant type.</summary>
internal enum TokenKind : byte
{
    End,
    Error,
    /// <summary>A character the grammar has a token for but no rule uses here (<c>+</c>, <c>^</c>, <c>/</c>, …).</summary>
    Other,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Colon,
    Dot,
    Comma,
    Asterisk,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    Not,
    FollowedBy,
    Like,
    Matches,
    IsSuperset,
    IsSubset,
    Exists,
    Last,
    In,
    Start,
    Stop,
    Seconds,
    Within,
    Repeats,
    Times,
    True,
    False,
    /// <summary>IdentifierWithoutHyphen: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    Identifier,
    /// <summary>IdentifierWithHyphen: an identifier with at least one hyphen (object types only).</summary>
    HyphenIdentifier,
    /// <summary>IntPosLiteral or IntNegLiteral, sign included.</summary>
    Integer,
    /// <summary>FloatPosLiteral or FloatNegLiteral, sign included.</summary>
    Float,
    String,
    Binary,
    Hex,
    Timestamp,
}
