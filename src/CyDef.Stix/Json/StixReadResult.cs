using System.Diagnostics.CodeAnalysis;

namespace CyDef.Stix.Json;

/// <summary>The outcome of reading one JSON value: the value, or a located error.</summary>
public readonly struct StixReadResult
{
    private StixReadResult(StixValue? value, StixReadError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value read, when reading succeeded.</summary>
    public StixValue? Value { get; }

    /// <summary>The error, when reading failed.</summary>
    public StixReadError? Error { get; }

    /// <summary>Whether reading succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>A successful result.</summary>
    /// <param name="value">The value read.</param>
    public static StixReadResult Ok(StixValue value) => new(value, null);

    /// <summary>A failed result.</summary>
    /// <param name="error">The error.</param>
    public static StixReadResult Fail(StixReadError error) => new(null, error);

    /// <summary>The value, or an exception with the error's text.</summary>
    /// <exception cref="FormatException">Reading failed.</exception>
    public StixValue GetValueOrThrow() => Success ? Value : throw new FormatException(Error.ToString());
}
