using CyDef.Sharing.Signatures.Internal;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>Redacted copies that still verify.</summary>
public sealed partial class ObjectSigner
{
    /// <summary>
    /// What a viewer may have of a signed object, still verifiable: the policy's decision with the signature
    /// extension rewritten so that the removed parts are withheld (their commitments kept, their salts dropped).
    /// </summary>
    /// <param name="signed">The signed object the decision was taken on.</param>
    /// <param name="decision">The policy's decision for it.</param>
    /// <param name="excluded">The excluded extensions the object was signed with.</param>
    /// <exception cref="ArgumentException">The decision denies, or <paramref name="signed"/> carries no readable signature.</exception>
    public static StixValue Redact(StixValue signed, SharingDecision decision, IReadOnlyList<string>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcome switch
        {
            SharingOutcome.Allow => decision.Value!,
            SharingOutcome.AllowRedacted => Redact(signed, decision.Value!, excluded),
            _ => throw new ArgumentException("a denied object has no copy to send", nameof(decision)),
        };
    }

    /// <summary>
    /// A redacted copy of a signed object that still verifies: <paramref name="redacted"/> (the object with parts
    /// removed as <see cref="SharingPolicy"/> removes them, e.g. a <c>SharedObject.Value</c> of the store's
    /// <c>PolicyView</c>) with the signature extension of <paramref name="signed"/>, where each part that the
    /// redaction removed or changed is withheld: its salt dropped, its commitment kept.
    /// </summary>
    /// <param name="signed">The signed object.</param>
    /// <param name="redacted">The object with parts removed.</param>
    /// <param name="excluded">The excluded extensions the object was signed with.</param>
    /// <exception cref="ArgumentException"><paramref name="signed"/> carries no readable signature.</exception>
    public static StixValue Redact(StixValue signed, StixValue redacted, IReadOnlyList<string>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(redacted);
        excluded ??= SignatureExtension.DefaultExcluded;
        if (signed["extensions"]?[SignatureExtension.Id] is not { } extension || SignatureFields.Read(extension, out _) is not { } fields)
        {
            throw new ArgumentException("the object carries no readable signature", nameof(signed));
        }

        try
        {
            // A part is withheld when the copy no longer gives what its commitment covers: the policy removed it
            // (and the selectors that marked it). Every other part's commitment is the same from either.
            var original = ContentForm.Build(ObjectPaths.WithoutExtensions(signed, excluded), fields.Salts);
            var copy = ContentForm.Build(ObjectPaths.WithoutExtensions(redacted, excluded), fields.Salts);
            var withheld = fields.Salts.Keys.Where(u => !original.Commitments[u].AsSpan().SequenceEqual(copy.Commitments[u])).ToList();
            var salts = fields.Salts.Where(s => !withheld.Contains(s.Key)).ToDictionary(StringComparer.Ordinal);
            var kept = fields with { Salts = salts, Withheld = [.. fields.Withheld, .. withheld.Select(u => original.Commitments[u])] };
            return ObjectPaths.WithExtension(redacted, SignatureExtension.Id, withheld.Count == 0 ? extension : kept.ToExtension());
        }
        catch (SignatureContentException e)
        {
            throw new ArgumentException($"the signed object cannot be redacted: {e.Message}", nameof(signed), e);
        }
    }
}
