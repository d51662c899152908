using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Fetches peers' trust records from their <see cref="PeerOptions.TrustRecordUrl"/> and offers them to the
/// <see cref="FederationTrust"/>: a record of a node already trusted is taken only if it follows from it through
/// endorsements (a key rotation), and only when <see cref="PeerOptions.Follow"/>; the first record of a peer without
/// <see cref="PeerOptions.TrustRecord"/> is taken on trust. A record must name the peer's organisation. Fetched when the
/// node starts, and when a page from the peer is signed by a key no record holds (once per unknown key).
/// </summary>
internal sealed class TrustRecordFetcher(FederationTrust trust, HttpClient http, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<(string Peer, string KeyId)> _sought = [];

    /// <summary>Fetches the peer's record and offers it; whether the trusted records changed. Never throws but for cancellation.</summary>
    public async Task<bool> RefreshAsync(PeerOptions peer, CancellationToken cancellationToken)
    {
        if (peer.TrustRecordUrl is not { } url)
        {
            return false;
        }

        string json;
        try
        {
            json = await http.GetStringAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            FederationLog.TrustRecordRefused(logger, peer.Name, url, e.Message);
            return false;
        }

        if (!TrustRecord.TryParse(json, out var offered, out var error))
        {
            FederationLog.TrustRecordRefused(logger, peer.Name, url, error);
            return false;
        }

        if (offered.Node != peer.Organization)
        {
            FederationLog.TrustRecordRefused(logger, peer.Name, url, $"the record is of {offered.Node}, not of the peer's organisation {peer.Organization}");
            return false;
        }

        var trusted = trust.Records.ContainsKey(offered.Node);
        if (trusted && !peer.Follow)
        {
            return false;
        }

        if (!trust.Offer(offered, firstOnTrust: peer.TrustRecord is null, out error))
        {
            if (error.Length > 0)
            {
                FederationLog.TrustRecordRefused(logger, peer.Name, url, error);
            }

            return false;
        }

        FederationLog.TrustRecordUpdated(logger, peer.Name, url, offered.Keys.Count);
        return true;
    }

    /// <summary>Refreshes the peer's record when <paramref name="objects"/> are signed by a key no record holds and not sought yet; whether the records changed.</summary>
    public Task<bool> RefreshForAsync(PeerOptions peer, IEnumerable<StixValue> objects, CancellationToken cancellationToken)
    {
        if (peer.TrustRecordUrl is null)
        {
            return Task.FromResult(false);
        }

        var unknown = false;
        foreach (var value in objects)
        {
            if (value["extensions"]?[SignatureExtension.Id]?["key_id"]?.AsString() is { } keyId && !trust.Knows(keyId))
            {
                lock (_lock)
                {
                    unknown |= _sought.Add((peer.Name, keyId));
                }
            }
        }

        return unknown ? RefreshAsync(peer, cancellationToken) : Task.FromResult(false);
    }
}
