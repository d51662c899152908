using System.Diagnostics.CodeAnalysis;

namespace CyDef.Patterns;

/// <summary>
/// The outcome of <see cref="StixPattern.Parse(string)"/>: the pattern, or the error that stopped parsing. Bad input
/// never throws; only reading <see cref="Value"/> of a failed result does, as that is a programming error.
/// </summary>
public sealed class PatternParseResult
{
    private readonly Pattern? _value;

    private PatternParseResult(Pattern? value, PatternError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Whether the text is a valid pattern.</summary>
    [MemberNotNullWhen(true, nameof(ValueOrNull))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>The pattern.</summary>
    /// <exception cref="InvalidOperationException">Parsing failed; check <see cref="Success"/> first.</exception>
    public Pattern Value => _value ?? throw new InvalidOperationException($"The pattern is not valid: {Error}");

    /// <summary>The pattern, or <see langword="null"/> when parsing failed.</summary>
    public Pattern? ValueOrNull => _value;

    /// <summary>Why parsing failed, or <see langword="null"/> when it succeeded.</summary>
    public PatternError? Error { get; }

    /// <summary>The pattern, or a <see cref="FormatException"/> with the error for callers that want one.</summary>
    /// <exception cref="FormatException">The text is not a valid pattern.</exception>
    public Pattern GetValueOrThrow() => _value ?? throw new FormatException($"Invalid STIX pattern: {Error}");

    /// <summary>Gets the pattern if parsing succeeded.</summary>
    /// <param name="pattern">The pattern, or <see langword="null"/>.</param>
    public bool TryGetValue([NotNullWhen(true)] out Pattern? pattern)
    {
        pattern = _value;
        return pattern is not null;
    }

    /// <summary>A successful result.</summary>
    /// <param name="pattern">The pattern.</param>
    public static PatternParseResult ForValue(Pattern pattern) => new(pattern ?? throw new ArgumentNullException(nameof(pattern)), null);

    /// <summary>A failed result.</summary>
    /// <param name="error">Why parsing failed.</param>
    public static PatternParseResult ForError(PatternError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>The pattern or the error, for display.</summary>
    public override string ToString() => Success ? ValueOrNull.ToString() : $"error: {Error}";
}
