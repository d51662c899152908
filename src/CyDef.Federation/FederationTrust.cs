using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using CyDef.Storage.Sharing;
using Microsoft.Extensions.Configuration;

namespace CyDef.Federation;

/// <summary>
/// The trust records of the nodes whose signatures this node checks, and which peers must sign (docs/federation.md,
/// "Signatures"): each peer's <see cref="PeerOptions.TrustRecord"/>, the <c>TrustRecord</c> of the API keys that
/// peers push with (<c>CyDef:ApiKeys:N:TrustRecord</c>, <c>MustSign</c>), and the records of other nodes whose content
/// arrives relayed (<c>CyDef:TrustRecords:N</c>). One verifier holds every record: a version relayed by a peer keeps
/// its origin's signature, checked with the origin's record. Thread-safe; a record followed through a rotation
/// replaces the old one.
/// </summary>
public sealed class FederationTrust
{
    /// <summary>The configuration section of the records of non-peer nodes.</summary>
    public const string RecordsSection = "CyDef:TrustRecords";

    private readonly object _gate = new();
    private readonly Dictionary<string, bool> _mustSignByOrganization;
    private Dictionary<string, TrustRecord> _records;
    private SignatureVerifier _verifier;

    /// <summary>Creates the trust from records and the organisations that must sign.</summary>
    /// <param name="records">The trusted records (one per node; a later one of the same node replaces an earlier one).</param>
    /// <param name="mustSign">Whether content pushed by a peer of each organisation must be signed.</param>
    /// <param name="time">The clock (tests).</param>
    public FederationTrust(IEnumerable<TrustRecord> records, IReadOnlyDictionary<string, bool>? mustSign = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        Time = time ?? TimeProvider.System;
        _records = new Dictionary<string, TrustRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            _records[record.Node] = record;
        }

        _mustSignByOrganization = mustSign is null ? new(StringComparer.Ordinal) : new(mustSign, StringComparer.Ordinal);
        _verifier = new SignatureVerifier(_records.Values, Signed.Excluded, Time);
    }

    /// <summary>The clock signatures are checked against.</summary>
    public TimeProvider Time { get; }

    /// <summary>The trusted records, by node.</summary>
    public IReadOnlyDictionary<string, TrustRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, TrustRecord>(_records, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Reads the records from the peers' options, the API keys and <see cref="RecordsSection"/>; a record that cannot be read stops the node with the reason.</summary>
    /// <param name="configuration">The node's configuration.</param>
    /// <param name="settings">The node's federation settings (its peers).</param>
    public static FederationTrust Read(IConfiguration configuration, FederationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        var records = new List<TrustRecord>();
        var mustSign = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var peer in settings.Peers)
        {
            if (peer.TrustRecord is { } source)
            {
                records.Add(Load(source, $"{FederationSettings.PeersSection} '{peer.Name}'"));
            }

            mustSign[peer.Organization] = (mustSign.TryGetValue(peer.Organization, out var already) && already) || peer.SigningRequired;
        }

        var keys = configuration.GetSection("CyDef:ApiKeys").Get<List<KeyTrust>>() ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (key.TrustRecord is { } source)
            {
                records.Add(Load(source, $"CyDef:ApiKeys:{i}"));
            }

            if (key.Organization is { Length: > 0 } organization && (key.TrustRecord is not null || key.MustSign is not null))
            {
                mustSign[organization] = (mustSign.TryGetValue(organization, out var already) && already) || (key.MustSign ?? key.TrustRecord is not null);
            }
        }

        var more = configuration.GetSection(RecordsSection).Get<List<string>>() ?? [];
        for (var i = 0; i < more.Count; i++)
        {
            records.Add(Load(more[i], $"{RecordsSection}:{i}"));
        }

        return new FederationTrust(records, mustSign);
    }

    /// <summary>Reads a trust record from a file path or inline JSON.</summary>
    /// <param name="source">The path of the record's JSON file, or the JSON (starting with <c>{</c>).</param>
    /// <param name="setting">Where it was configured, for the error.</param>
    /// <exception cref="InvalidOperationException">The record cannot be read.</exception>
    public static TrustRecord Load(string source, string setting)
    {
        ArgumentNullException.ThrowIfNull(source);
        string json;
        if (source.TrimStart().StartsWith('{'))
        {
            json = source;
        }
        else
        {
            try
            {
                json = File.ReadAllText(source);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InvalidOperationException($"{setting}: TrustRecord '{source}' cannot be read: {e.Message}", e);
            }
        }

        return TrustRecord.TryParse(json, out var record, out var error)
            ? record
            : throw new InvalidOperationException($"{setting}: TrustRecord '{(source.Length > 80 ? source[..80] + "…" : source)}' is not a trust record: {error}");
    }

    /// <summary>Whether content pushed to this node by a peer of <paramref name="organization"/> must be signed.</summary>
    /// <param name="organization">The peer's organisation (its API key's <c>Organization</c>).</param>
    public bool MustSignFrom(string? organization) => organization is not null && _mustSignByOrganization.TryGetValue(organization, out var must) && must;

    /// <summary>Whether a trusted record holds the key <paramref name="keyId"/>.</summary>
    /// <param name="keyId">A key id.</param>
    public bool Knows(string keyId)
    {
        lock (_gate)
        {
            return _records.Values.Any(r => r.Keys.Any(k => k.KeyId == keyId));
        }
    }

    /// <summary>Checks a version's signature against every trusted record.</summary>
    /// <param name="value">The version as received.</param>
    public SignatureCheck Check(StixValue value)
    {
        SignatureVerifier verifier;
        lock (_gate)
        {
            verifier = _verifier;
        }

        return verifier.Verify(value);
    }

    /// <summary>
    /// Why a version from a peer must be refused, or null to accept it. From a peer that must sign, only an authentic
    /// signature passes (<see cref="SignatureCheck.IsAcceptable"/>): unsigned, tampered, signed by an unknown or retired key,
    /// dated in the future and malformed content is refused. From a peer that need not sign, unsigned content passes, and
    /// so does content signed by a key no record holds (it cannot be checked, so it counts as unsigned); a signature that
    /// can be checked and fails is refused all the same.
    /// </summary>
    /// <param name="value">The version as received.</param>
    /// <param name="mustSign">Whether the sender must sign.</param>
    public string? Refusal(StixValue value, bool mustSign) => Refusal(Check(value), mustSign);

    /// <summary>The refusal for a check already made, or null (as <see cref="Refusal(StixValue, bool)"/>).</summary>
    /// <param name="check">The signature check.</param>
    /// <param name="mustSign">Whether the sender must sign.</param>
    public static string? Refusal(SignatureCheck check, bool mustSign)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.IsAcceptable(mustSign) || (!mustSign && check.Status == SignatureStatus.UnknownKey))
        {
            return null;
        }

        var reason = check.Status == SignatureStatus.Unsigned ? "unsigned, and the peer must sign" : check.Reason;
        return $"signature {check.Status}: {reason}{(check.KeyId is null ? "" : $" (key {check.KeyId}{(check.Signer is null ? "" : " of " + check.Signer)})")}";
    }

    /// <summary>
    /// Takes a newer record of a node already trusted if it follows from the trusted one through endorsements
    /// (<see cref="TrustRecord.Follow"/>), or a record of a node not trusted yet when <paramref name="firstOnTrust"/>.
    /// </summary>
    /// <param name="offered">The record offered (fetched from the node).</param>
    /// <param name="firstOnTrust">Whether a record of an unknown node is taken on trust.</param>
    /// <param name="error">Why it was not taken.</param>
    /// <returns>Whether the trusted record changed.</returns>
    public bool Offer(TrustRecord offered, bool firstOnTrust, out string error)
    {
        ArgumentNullException.ThrowIfNull(offered);
        lock (_gate)
        {
            TrustRecord next;
            if (_records.TryGetValue(offered.Node, out var trusted))
            {
                if (!trusted.Follow(offered, out var updated, out error))
                {
                    return false;
                }

                if (updated.ToJson(indented: false) == trusted.ToJson(indented: false))
                {
                    return false;
                }

                next = updated;
            }
            else if (firstOnTrust)
            {
                next = offered;
            }
            else
            {
                error = $"no record of {offered.Node} is trusted";
                return false;
            }

            error = "";
            _records = new Dictionary<string, TrustRecord>(_records, StringComparer.Ordinal) { [next.Node] = next };
            _verifier = new SignatureVerifier(_records.Values, Signed.Excluded, Time);
            return true;
        }
    }

    private sealed class KeyTrust
    {
        public string? Organization { get; set; }

        public string? TrustRecord { get; set; }

        public bool? MustSign { get; set; }
    }
}
