using System.Security.Cryptography;
using CyDef.Sharing.Signatures.Internal;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// Signs the object versions a node publishes with its current key (Ed25519 and ML-DSA-65), into CyDef's signature
/// extension; and turns a signed object and the sharing policy's redaction of it into a redacted copy that still
/// verifies (<see cref="Redact(StixValue, SharingDecision, IReadOnlyList{string}?)"/>). Thread-safe.
/// </summary>
public sealed class ObjectSigner
{
    private readonly Func<SigningKey> _key;
    private readonly IReadOnlyList<string> _excluded;
    private readonly TimeProvider _time;

    /// <summary>A signer with the current key of a node.</summary>
    /// <param name="keys">The node's keys; a rotation takes effect at the next signature.</param>
    /// <param name="excluded">Extensions left out of the signature (default <see cref="SignatureExtension.DefaultExcluded"/>).</param>
    /// <param name="time">The clock that dates signatures.</param>
    public ObjectSigner(NodeSigningKeys keys, IReadOnlyList<string>? excluded = null, TimeProvider? time = null)
        : this(() => keys.Current, excluded, time)
    {
        ArgumentNullException.ThrowIfNull(keys);
    }

    /// <summary>A signer with one key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="excluded">Extensions left out of the signature (default <see cref="SignatureExtension.DefaultExcluded"/>).</param>
    /// <param name="time">The clock that dates signatures.</param>
    public ObjectSigner(SigningKey key, IReadOnlyList<string>? excluded = null, TimeProvider? time = null)
        : this(() => key, excluded, time)
    {
        ArgumentNullException.ThrowIfNull(key);
    }

    private ObjectSigner(Func<SigningKey> key, IReadOnlyList<string>? excluded, TimeProvider? time)
    {
        _key = key;
        _excluded = excluded ?? SignatureExtension.DefaultExcluded;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The object with a signature extension over its content (all of it but the excluded extensions); a signature it
    /// already carried is replaced.
    /// </summary>
    /// <param name="value">A STIX object.</param>
    /// <exception cref="ArgumentException">
    /// The object cannot be signed exactly: not an object, an integer beyond 2^53, a lone surrogate, or a granular
    /// marking selector that selects nothing.
    /// </exception>
    public StixValue Sign(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsObject)
        {
            throw new ArgumentException("only a JSON object can be signed", nameof(value));
        }

        try
        {
            var stripped = ObjectPaths.WithoutExtensions(value, _excluded);
            var salts = ContentForm.UnitsOf(stripped, _excluded)
                .ToDictionary(u => u, _ => RandomNumberGenerator.GetBytes(SignatureFields.SaltLength), StringComparer.Ordinal);
            var form = ContentForm.Build(stripped, salts);
            var key = _key();
            var signedAt = Times.Format(Times.Truncate(_time.GetUtcNow()));
            var (ed, ml) = key.Sign(ContentForm.Message(key.KeyId, signedAt, form.Core, form.Commitments.Values));
            var fields = new SignatureFields(key.KeyId, signedAt, default, salts, [], ed, ml);
            return ObjectPaths.WithExtension(value, SignatureExtension.Id, fields.ToExtension());
        }
        catch (SignatureContentException e)
        {
            throw new ArgumentException($"{value["id"]?.AsString() ?? "the object"} cannot be signed: {e.Message}", nameof(value), e);
        }
    }

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
