using System.Security.Cryptography;
using System.Text;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures.Internal;

/// <summary>
/// What a signature covers (docs/signatures.md): the <em>core</em> — the object without the excluded extensions and
/// without the parts granular markings could remove, its granular markings as a sorted multiset of pairs — and a
/// salted commitment for each removable part (a <em>unit</em>): SHA-384(salt ‖ canonical {path, value, markings}).
/// The object's message is the RFC 8785 text of {scheme, key_id, signed_at, content: core, commitments: sorted}:
/// signed directly in <see cref="SignatureExtension.SingleScheme"/>, a Merkle tree leaf in <see cref="SignatureExtension.Scheme"/>,
/// whose signed message is the RFC 8785 text of {scheme, key_id, signed_at, tree_size, root}.
/// </summary>
internal sealed class ContentForm
{
    private const long MaxSafeInteger = 1L << 53; // the largest integer a double holds exactly (with every one below it)

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ContentForm(StixValue core, Dictionary<string, byte[]> commitments)
    {
        Core = core;
        Commitments = commitments;
    }

    /// <summary>The core: the object with every unit removed and its granular markings as sorted pairs.</summary>
    public StixValue Core { get; }

    /// <summary>The commitment of each unit present (by its dotted path).</summary>
    public Dictionary<string, byte[]> Commitments { get; }

    /// <summary>The units of an object: the parts its granular markings with a <c>marking_ref</c> select.</summary>
    /// <exception cref="SignatureContentException">A selector does not resolve, or selects what cannot be signed apart.</exception>
    public static List<string> UnitsOf(StixValue stripped, IReadOnlyList<string> excluded)
    {
        var units = new List<string>();
        foreach (var pair in GranularPair.Read(stripped))
        {
            if (pair.Unit is not { } unit || units.Contains(unit))
            {
                continue;
            }

            var first = unit.Split('.', 3);
            if (first[0] == "granular_markings" || (first[0] == "extensions" && first.Length > 1 && excluded.Contains(first[1])))
            {
                throw new SignatureContentException($"the granular marking selector '{pair.Selector}' selects a part that is not signed apart");
            }

            if (!ObjectPaths.Resolves(stripped, unit))
            {
                throw new SignatureContentException($"the granular marking selector '{pair.Selector}' selects nothing in the object");
            }

            units.Add(unit);
        }

        return units;
    }

    /// <summary>The form of <paramref name="stripped"/> (excluded extensions already removed) with the units that <paramref name="salts"/> names.</summary>
    /// <exception cref="SignatureContentException">The content cannot be canonicalised exactly.</exception>
    public static ContentForm Build(StixValue stripped, IReadOnlyDictionary<string, byte[]> salts)
    {
        var units = salts.Keys.ToList();
        var pairs = GranularPair.Read(stripped);
        var homes = pairs.ToLookup(p => Home(p.Selector, units));
        var core = ObjectPaths.Strip(stripped, units);
        core = WithPairs(core, homes[""]);
        var commitments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (unit, salt) in salts)
        {
            var nested = units.Where(u => u.Length > unit.Length && ObjectPaths.IsUnder(u, unit)).Select(u => u[(unit.Length + 1)..]).ToList();
            commitments[unit] = Commit(salt, unit, UnitValue(stripped, unit, nested), homes[unit]);
        }

        return new ContentForm(core, commitments);
    }

    /// <summary>The object's message: what both algorithms sign (single scheme), or the Merkle leaf's content.</summary>
    public static byte[] Message(string scheme, string keyId, string signedAt, byte[]? leafSalt, StixValue core, IEnumerable<byte[]> commitments)
    {
        var sorted = commitments.Select(Convert.ToBase64String).Order(StringComparer.Ordinal).Select(StixValue.String).ToArray();
        var manifest = new List<StixProperty>(6)
        {
            new(SignatureExtension.SchemeName, StixValue.String(scheme)),
            new(SignatureExtension.KeyIdName, StixValue.String(keyId)),
            new(SignatureExtension.SignedAtName, StixValue.String(signedAt)),
            new("content", core),
            new("commitments", StixValue.Array(sorted)),
        };
        if (leafSalt is not null)
        {
            manifest.Add(new(SignatureExtension.LeafSaltName, StixValue.String(Convert.ToBase64String(leafSalt))));
        }

        return Canonical(StixValue.Object([.. manifest]));
    }

    /// <summary>The message both algorithms sign for a batch: the root of its Merkle tree, with its size, key and time.</summary>
    public static byte[] RootMessage(string keyId, string signedAt, long treeSize, byte[] root) => Canonical(StixValue.Object(
    [
        new StixProperty(SignatureExtension.SchemeName, StixValue.String(SignatureExtension.Scheme)),
        new StixProperty(SignatureExtension.KeyIdName, StixValue.String(keyId)),
        new StixProperty(SignatureExtension.SignedAtName, StixValue.String(signedAt)),
        new StixProperty(SignatureExtension.TreeSizeName, StixValue.Number(treeSize)),
        new StixProperty("root", StixValue.String(Convert.ToBase64String(root))),
    ]));

    /// <summary>The commitment of one unit.</summary>
    public static byte[] Commit(byte[] salt, string unit, StixValue? value, IEnumerable<GranularPair> pairs)
    {
        var record = new List<StixProperty>
        {
            new("path", StixValue.String(unit)),
            new("markings", SortedPairs(pairs)),
        };
        if (value is not null)
        {
            record.Add(new StixProperty("value", value));
        }

        var text = Canonical(StixValue.Object([.. record]));
        var input = new byte[salt.Length + text.Length];
        salt.CopyTo(input, 0);
        text.CopyTo(input, salt.Length);
        return SHA384.HashData(input);
    }

    /// <summary>RFC 8785 text as UTF-8, refusing what canonical JSON would not keep exactly.</summary>
    /// <exception cref="SignatureContentException">An integer beyond 2^53, a number that is not finite, or a lone surrogate.</exception>
    public static byte[] Canonical(StixValue value)
    {
        CheckExact(value);
        try
        {
            return StrictUtf8.GetBytes(JsonCanonicalizer.Canonicalize(value));
        }
        catch (Exception e) when (e is FormatException or EncoderFallbackException)
        {
            throw new SignatureContentException("the content has a number or a string that canonical JSON cannot hold exactly");
        }
    }

    private static StixValue? UnitValue(StixValue stripped, string unit, List<string> nested)
    {
        var value = ObjectPaths.ValueAt(stripped, unit);
        if (value is null || nested.Count == 0)
        {
            return value;
        }

        // As the policy removes a part, an object emptied by the removal of the parts inside it goes with them.
        var inner = value.IsObject ? ObjectPaths.Strip(value, nested) : null;
        return inner is { Count: > 0 } ? inner : null;
    }

    private static string Home(string selector, List<string> units)
    {
        var home = "";
        foreach (var unit in units)
        {
            if (unit.Length > home.Length && ObjectPaths.IsUnder(selector, unit))
            {
                home = unit;
            }
        }

        return home;
    }

    private static StixValue WithPairs(StixValue core, IEnumerable<GranularPair> pairs)
    {
        var properties = core.Properties.ToArray().Where(p => p.Name != "granular_markings").ToList();
        var sorted = SortedPairs(pairs);
        if (sorted.Count > 0)
        {
            properties.Add(new StixProperty("granular_markings", sorted));
        }

        return StixValue.Object([.. properties]);
    }

    private static StixValue SortedPairs(IEnumerable<GranularPair> pairs) =>
        StixValue.Array(pairs.Select(p => (Text: JsonCanonicalizer.Canonicalize(p.Value), p.Value))
            .OrderBy(p => p.Text, StringComparer.Ordinal).Select(p => p.Value).ToArray());

    private static void CheckExact(StixValue value)
    {
        switch (value.Kind)
        {
            case StixValueKind.Number:
                var raw = value.GetRawNumber();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && !(long.TryParse(raw, out var integer) && integer is >= -MaxSafeInteger and <= MaxSafeInteger))
                {
                    throw new SignatureContentException($"the integer {raw} is beyond 2^53: canonical JSON (RFC 8785) would not keep it exactly");
                }

                break;
            case StixValueKind.Array:
                foreach (var item in value.Items)
                {
                    CheckExact(item);
                }

                break;
            case StixValueKind.Object:
                foreach (var property in value.Properties)
                {
                    CheckExact(property.Value);
                }

                break;
            default:
                break;
        }
    }
}
