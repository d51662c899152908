using System.Diagnostics.CodeAnalysis;

namespace CyDef.Patterns;

/// <summary>The observations read by <see cref="ObservedDataReader"/>, or why the input cannot be matched against.</summary>
public sealed class ObservedDataReadResult
{
    private ObservedDataReadResult(IReadOnlyList<Observation> observations, string? error)
    {
        Observations = observations;
        Error = error;
    }

    /// <summary>Whether the input was usable.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>The observations, one per observed-data object in input order; empty on failure.</summary>
    public IReadOnlyList<Observation> Observations { get; }

    /// <summary>What is wrong with the input, or <see langword="null"/>.</summary>
    public string? Error { get; }

    internal static ObservedDataReadResult Ok(IReadOnlyList<Observation> observations) => new(observations, null);

    internal static ObservedDataReadResult Fail(string error) => new([], error);
}
