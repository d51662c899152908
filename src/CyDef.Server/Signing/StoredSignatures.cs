using CyDef.Federation;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using CyDef.Storage.Sharing;

namespace CyDef.Server.Signing;

/// <summary>
/// The signature status of a stored version, as the object pages show it: checked against the trust records the
/// node's federation holds (its peers' and the other nodes' it trusts) and against the node's own keys, current and
/// retired, for what it published itself. Unlike a check on receipt, a version the node holds is not a replay. Thread-safe.
/// </summary>
public sealed class StoredSignatures(NodePublishing publishing, FederationTrust trust)
{
    private readonly Lock _lock = new();
    private (int Keys, SignatureVerifier Verifier)? _own;

    /// <summary>Checks the signature a stored version carries.</summary>
    /// <param name="stored">The version as stored (whole: a copy the sharing policy redacted for a user would not verify).</param>
    public SignatureCheck Check(StixValue stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var check = trust.Check(stored);
        return check.Status == SignatureStatus.UnknownKey && check.KeyId is { } keyId && publishing.Keys.All.Any(k => k.Public.KeyId == keyId)
            ? Own().Verify(stored)
            : check;
    }

    // A verifier over the node's own record, made again when a key is added (a rotation): it remembers the batch roots it verified.
    private SignatureVerifier Own()
    {
        var keys = publishing.Keys.All.Count;
        lock (_lock)
        {
            if (_own is not { } own || own.Keys != keys)
            {
                _own = own = (keys, new SignatureVerifier([publishing.TrustRecord], Signed.Excluded, trust.Time));
            }

            return own.Verifier;
        }
    }
}
