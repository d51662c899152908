using System.Security.Cryptography;
using System.Text;
using CyDef.Stix.Catalog;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix;

/// <summary>
/// Deterministic identifiers of cyber-observables (STIX 2.1 §2.9, §3.4): a UUIDv5 in the STIX namespace over
/// the RFC 8785 canonical JSON of the object's ID Contributing Properties, so that every producer names the
/// same observable the same way.
/// </summary>
public static class DeterministicId
{
    /// <summary>The namespace of STIX's UUIDv5 identifiers, <c>00abedb4-aa42-466c-9c01-fed23315a9b7</c>.</summary>
    public static Guid Namespace { get; } = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    // §6.1, §6.7: of the hashes, only one contributes, chosen in this order of preference.
    private static readonly string[] PreferredHashes = ["MD5", "SHA-1", "SHA-256", "SHA-512"];

    /// <summary>
    /// The deterministic id of an SCO, or <see langword="null"/> when it has none of its ID Contributing
    /// Properties (it then takes a UUIDv4), when one of them holds a number beyond the range of a double
    /// (it has no RFC 8785 form), or when its type is not a cyber-observable the specification defines.
    /// </summary>
    /// <param name="observable">The SCO as JSON (its <c>id</c>, if any, is ignored).</param>
    public static string? ForObservable(StixValue observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        return observable["type"]?.AsString() is { } type && StixCatalog.TryGetObject(type, out var spec) && spec.Category == StixCategory.CyberObservable
            ? ForObservable(observable, spec)
            : null;
    }

    /// <summary>Whether <paramref name="observable"/>'s id is the one its ID Contributing Properties give.</summary>
    /// <param name="observable">The SCO.</param>
    public static bool Verify(StixValue observable) =>
        ForObservable(observable) is { } expected && observable["id"]?.AsString() == expected;

    internal static string? ForObservable(StixValue observable, ObjectSpec spec)
    {
        var contributing = new List<StixProperty>(spec.IdContributingProperties.Count);
        foreach (var name in spec.IdContributingProperties)
        {
            if (observable.TryGetProperty(name, out var value))
            {
                contributing.Add(new StixProperty(name, name == "hashes" ? OneHash(value) : value));
            }
        }

        if (contributing.Count == 0)
        {
            return null;
        }

        return JsonCanonicalizer.TryCanonicalize(StixValue.Object(contributing.ToArray()), out var canonical)
            ? $"{spec.Type}--{UuidV5(Namespace, canonical)}"
            : null;
    }

    /// <summary>An RFC 4122 version 5 (SHA-1, name-based) UUID.</summary>
    /// <param name="namespaceId">The namespace.</param>
    /// <param name="name">The name, hashed as UTF-8.</param>
    public static Guid UuidV5(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return UuidV5(namespaceId, Encoding.UTF8.GetBytes(name));
    }

    /// <summary>An RFC 4122 version 5 (SHA-1, name-based) UUID of a name given in UTF-8.</summary>
    /// <param name="namespaceId">The namespace.</param>
    /// <param name="utf8Name">The name's UTF-8 bytes.</param>
    public static Guid UuidV5(Guid namespaceId, ReadOnlySpan<byte> utf8Name)
    {
        // The namespace's bytes then the name's, hashed in one call: on the stack when short, else in a rented array.
        var length = 16 + utf8Name.Length;
        var rented = length > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        var input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        utf8Name.CopyTo(input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private static StixValue OneHash(StixValue hashes)
    {
        if (!hashes.IsObject || hashes.Count == 0)
        {
            return hashes;
        }

        foreach (var algorithm in PreferredHashes)
        {
            if (hashes.TryGetProperty(algorithm, out var value))
            {
                return StixValue.Object([new StixProperty(algorithm, value)]);
            }
        }

        return StixValue.Object([hashes.Properties[0]]);
    }
}
