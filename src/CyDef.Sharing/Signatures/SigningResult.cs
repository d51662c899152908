using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>What <see cref="ObjectSigner.SignBatch"/> made of one object: the signed object, or why it cannot be signed.</summary>
/// <param name="Value">The object with its signature extension, when signed.</param>
/// <param name="Error">Why it cannot be signed exactly, when not.</param>
public readonly record struct SigningResult(StixValue? Value, string? Error)
{
    /// <summary>Whether the object was signed.</summary>
    public bool IsSigned => Value is not null;
}
