using CyDef.Sharing.Signatures.Internal;
using CyDef.Stix.Json;

namespace CyDef.Sharing.Signatures;

/// <summary>
/// The public keys a node signs with — its current key and every retired one, so that what they signed still
/// verifies — as one JSON document that a node exports and its peers import (docs/signatures.md).
/// </summary>
public sealed class TrustRecord
{
    /// <summary>The value of the record's <c>type</c>.</summary>
    public const string Type = "cydef-trust-record";

    /// <summary>Creates a record.</summary>
    /// <param name="node">Who signs with these keys: the node's organisation identity id or name.</param>
    /// <param name="keys">The keys, current and retired.</param>
    public TrustRecord(string node, IReadOnlyList<PublicSigningKey> keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(keys);
        Node = node;
        Keys = keys;
    }

    /// <summary>Who signs with these keys.</summary>
    public string Node { get; }

    /// <summary>The keys, current and retired.</summary>
    public IReadOnlyList<PublicSigningKey> Keys { get; }

    /// <summary>The key that is not retired (the newest if several are not), or null.</summary>
    public PublicSigningKey? Current => Keys.Where(k => k.Retired is null).MaxBy(k => k.Created);

    /// <summary>The record as JSON.</summary>
    /// <param name="indented">Whether to indent it.</param>
    public string ToJson(bool indented = true)
    {
        var keys = Keys.Select(k =>
        {
            var properties = new List<StixProperty>
            {
                new("key_id", StixValue.String(k.KeyId)),
                new("created", StixValue.String(Times.Format(k.Created))),
            };
            if (k.Retired is { } retired)
            {
                properties.Add(new("retired", StixValue.String(Times.Format(retired))));
            }

            properties.Add(new("ed25519", StixValue.String(Convert.ToBase64String(k.Ed25519.Span))));
            properties.Add(new("ml_dsa_65", StixValue.String(Convert.ToBase64String(k.MLDsa65.Span))));
            properties.AddRange(k.Endorsement?.ToProperties() ?? []);
            return StixValue.Object([.. properties]);
        });
        var record = StixValue.Object(
        [
            new("type", StixValue.String(Type)),
            new("node", StixValue.String(Node)),
            new("keys", StixValue.Array(keys.ToArray())),
        ]);
        return System.Text.Encoding.UTF8.GetString(StixJsonWriter.ToUtf8Bytes(record, indented));
    }

    /// <summary>Reads a record; never throws for bad input.</summary>
    /// <param name="json">The record's JSON.</param>
    /// <param name="record">The record, when it reads.</param>
    /// <param name="error">What is wrong, when it does not.</param>
    public static bool TryParse(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrustRecord? record, out string error)
    {
        ArgumentNullException.ThrowIfNull(json);
        record = null;
        var read = StixJsonReader.Parse(json);
        if (!read.Success)
        {
            error = read.Error!.ToString();
            return false;
        }

        var value = read.Value!;
        if (value["type"]?.AsString() != Type || value["node"]?.AsString() is not { Length: > 0 } node || value["keys"] is not { IsArray: true } items)
        {
            error = $"not a trust record: it needs \"type\": \"{Type}\", a node and a list of keys";
            return false;
        }

        var keys = new List<PublicSigningKey>();
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadKey(items.Items[i], out error) is not { } key)
            {
                error = $"$.keys[{i}]: {error}";
                return false;
            }

            keys.Add(key);
        }

        error = "";
        record = new TrustRecord(node, keys);
        return true;
    }

    /// <summary>
    /// This record brought up to date with a newer record of the same node, taking only what is proven: a new key is
    /// accepted when a key already trusted (and not retired before the new key was made) endorsed it, and that
    /// endorsement also retires the endorsing key at the new key's creation. Retirement times the offered record states
    /// without an endorsement are ignored; a record that drops a key this one trusts is refused.
    /// </summary>
    /// <param name="offered">The node's newer record, as received.</param>
    /// <param name="updated">The record to trust from now on.</param>
    /// <param name="error">Why the offered record is refused.</param>
    public bool Follow(TrustRecord offered, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrustRecord? updated, out string error)
    {
        ArgumentNullException.ThrowIfNull(offered);
        updated = null;
        if (offered.Node != Node)
        {
            error = $"the offered record is {offered.Node}'s, not {Node}'s";
            return false;
        }

        var known = Keys.ToDictionary(k => k.KeyId, StringComparer.Ordinal);
        if (known.Keys.FirstOrDefault(id => offered.Keys.All(k => k.KeyId != id)) is { } dropped)
        {
            error = $"the offered record drops key {dropped}";
            return false;
        }

        foreach (var key in offered.Keys.Where(k => !known.ContainsKey(k.KeyId)).OrderBy(k => k.Created))
        {
            if (key.Endorsement is not { } endorsement || !known.TryGetValue(endorsement.EndorsedBy, out var endorser))
            {
                error = $"key {key.KeyId} is not endorsed by a key already trusted";
                return false;
            }

            if (endorser.Retired < key.Created || !endorsement.Verifies(endorser, key))
            {
                error = $"the endorsement of key {key.KeyId} by {endorser.KeyId} does not verify, or came after that key's retirement";
                return false;
            }

            known[endorser.KeyId] = endorser.WithRetired(endorser.Retired is { } retired && retired < key.Created ? retired : key.Created);
            known[key.KeyId] = key.WithRetired(null);
        }

        error = "";
        updated = new TrustRecord(Node, known.Values.OrderBy(k => k.Created).ToList());
        return true;
    }

    private static PublicSigningKey? ReadKey(StixValue item, out string error)
    {
        error = "";
        if (!Times.TryParse(item["created"]?.AsString(), out var created))
        {
            error = "no valid 'created' timestamp";
            return null;
        }

        DateTimeOffset? retired = null;
        if (item["retired"] is { } retiredValue)
        {
            if (!Times.TryParse(retiredValue.AsString(), out var time))
            {
                error = "'retired' is not a timestamp";
                return null;
            }

            retired = time;
        }

        if (!TryBase64(item["ed25519"], out var ed) || !TryBase64(item["ml_dsa_65"], out var ml))
        {
            error = "'ed25519' and 'ml_dsa_65' must be base64 public keys";
            return null;
        }

        if (!KeyEndorsement.TryRead(item, out var endorsement))
        {
            error = "'endorsed_by' and 'endorsement' (base64 'ed25519' and 'ml_dsa_65') go together";
            return null;
        }

        try
        {
            var key = PublicSigningKey.Create(ed, ml, created, retired, endorsement);
            if (item["key_id"]?.AsString() != key.KeyId)
            {
                error = $"'key_id' is not the id of its keys ({key.KeyId})";
                return null;
            }

            return key;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static bool TryBase64(StixValue? value, out byte[] bytes)
    {
        bytes = [];
        if (value?.AsString() is not { } text)
        {
            return false;
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
