using CyDef.Sharing;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;

namespace CyDef.Storage.Sharing;

/// <summary>Signed versions as the sharing policy gives them: a redacted copy keeps a signature that still verifies (docs/signatures.md).</summary>
public static class Signed
{
    /// <summary>
    /// The extensions that signatures leave out: the signature's own and federation's provenance (which changes at
    /// each hop). Signers and verifiers of federated content use this list.
    /// </summary>
    public static IReadOnlyList<string> Excluded { get; } = SignatureExtension.WithExcluded(Provenance.Extension);

    /// <summary>
    /// The policy's redacted copy <paramref name="redacted"/> of <paramref name="stored"/> with the signature rewritten
    /// (<see cref="ObjectSigner.Redact(StixValue, StixValue, IReadOnlyList{string}?)"/>) when the stored version is
    /// signed; otherwise the copy as it is. A signature that cannot be read is left as it is: the receiver refuses it.
    /// </summary>
    /// <param name="stored">The stored version.</param>
    /// <param name="redacted">What the policy gives of it.</param>
    public static StixValue Redact(StixValue stored, StixValue redacted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(redacted);
        if (stored["extensions"]?[SignatureExtension.Id] is null || redacted["extensions"]?[SignatureExtension.Id] is null)
        {
            return redacted;
        }

        try
        {
            return ObjectSigner.Redact(stored, redacted, Excluded);
        }
        catch (ArgumentException)
        {
            return redacted;
        }
    }
}
