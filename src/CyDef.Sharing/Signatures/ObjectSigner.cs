using System.Security.Cryptography;
using CyDef.Sharing.Signatures.Internal;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// Signs the object versions a node publishes with its current key (Ed25519 and ML-DSA-65), into CyDef's signature
/// extension — a batch at a time, with one signature of a Merkle tree's root (<see cref="SignBatch"/>); and turns a signed object and the sharing policy's redaction of it into a redacted copy that still
/// verifies (<see cref="Redact(StixValue, SharingDecision, IReadOnlyList{string}?)"/>). Thread-safe.
/// </summary>
public sealed partial class ObjectSigner
{
    // Below this many objects, a batch is signed on the caller's thread.
    private const int ParallelFrom = 16;

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
    /// already carried is replaced. A batch of one: prefer <see cref="SignBatch"/> for many objects.
    /// </summary>
    /// <param name="value">A STIX object.</param>
    /// <exception cref="ArgumentException">
    /// The object cannot be signed exactly: not an object, an integer beyond 2^53, a lone surrogate, or a granular
    /// marking selector that selects nothing.
    /// </exception>
    public StixValue Sign(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = SignBatch([value])[0];
        return result.Value ?? throw new ArgumentException(result.Error, nameof(value));
    }

    /// <summary>
    /// Signs the objects together (docs/signatures.md): each one's message is a leaf of a Merkle tree whose root the
    /// current key signs once, and each object's extension carries the root's signatures and its inclusion proof. An
    /// object that cannot be signed exactly is left out of the tree, with the reason; the others are signed.
    /// </summary>
    /// <param name="values">STIX objects, in any number; their messages are computed on every core.</param>
    /// <returns>One result per object, in their order.</returns>
    public IReadOnlyList<SigningResult> SignBatch(IReadOnlyList<StixValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var key = _key();
        var signedAt = Times.Format(Times.Truncate(_time.GetUtcNow()));
        var leaves = new Leaf?[values.Count];
        var results = new SigningResult[values.Count];
        ForEach(values.Count, i => leaves[i] = LeafOf(values[i], key.KeyId, signedAt, out results[i]));
        var signable = Enumerable.Range(0, values.Count).Where(i => leaves[i] is not null).ToArray();
        if (signable.Length == 0)
        {
            return results;
        }

        var (root, paths) = MerkleTree.Build(signable.Select(i => leaves[i]!.Hash).ToArray());
        var (ed, ml) = key.Sign(ContentForm.RootMessage(key.KeyId, signedAt, signable.Length, root));
        var shared = (StixValue.String(Convert.ToBase64String(ed)), StixValue.String(Convert.ToBase64String(ml)));
        ForEach(signable.Length, j =>
        {
            var i = signable[j];
            var fields = new SignatureFields(new BatchProof(leaves[i]!.Salt, signable.Length, j, paths[j]), key.KeyId, signedAt, default, leaves[i]!.Salts, [], ed, ml);
            results[i] = new SigningResult(ObjectPaths.WithExtension(values[i], SignatureExtension.Id, fields.ToExtension(shared)), null);
        });
        return results;
    }

    private Leaf? LeafOf(StixValue value, string keyId, string signedAt, out SigningResult error)
    {
        error = default;
        if (value is not { IsObject: true })
        {
            error = new SigningResult(null, "only a JSON object can be signed");
            return null;
        }

        try
        {
            var stripped = ObjectPaths.WithoutExtensions(value, _excluded);
            var salts = ContentForm.UnitsOf(stripped, _excluded)
                .ToDictionary(u => u, _ => RandomNumberGenerator.GetBytes(SignatureFields.SaltLength), StringComparer.Ordinal);
            var form = ContentForm.Build(stripped, salts);
            var leafSalt = RandomNumberGenerator.GetBytes(SignatureFields.SaltLength);
            var message = ContentForm.Message(SignatureExtension.Scheme, keyId, signedAt, leafSalt, form.Core, form.Commitments.Values);
            return new Leaf(MerkleTree.LeafHash(message), leafSalt, salts);
        }
        catch (SignatureContentException e)
        {
            error = new SigningResult(null, $"{value["id"]?.AsString() ?? "the object"} cannot be signed: {e.Message}");
            return null;
        }
    }

    // A batch's per-object work on every core; one object on the caller's thread.
    private static void ForEach(int count, Action<int> body)
    {
        if (count < ParallelFrom)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, body);
    }

    private sealed record Leaf(byte[] Hash, byte[] Salt, Dictionary<string, byte[]> Salts);
}
