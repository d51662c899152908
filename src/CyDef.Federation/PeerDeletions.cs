using CyDef.Sharing;
using CyDef.Stix.Json;
using CyDef.Storage;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// Applies a deletion a peer told of: the version goes only when this node had it from that peer — the last hop of its
/// provenance is the peer's organisation —, so that a peer deletes what it gave and nothing else (not this node's own
/// version of the object, nor a copy that came by another path). Deleting it writes it to this node's deletion log in
/// turn, which tells this node's own peers; a loop ends where the version is already gone.
/// </summary>
public static class PeerDeletions
{
    /// <summary>Applies one deletion; returns how many versions were deleted here (0 when there was nothing to delete or it was kept).</summary>
    /// <param name="store">This node's store.</param>
    /// <param name="notice">The deletion.</param>
    /// <param name="peerName">The peer's name, for the log.</param>
    /// <param name="organization">The peer's organisation.</param>
    /// <param name="logger">Where deletions and refusals are logged.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static async Task<int> ApplyAsync(IObjectStore store, DeletionNotice notice, string peerName, string organization, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(logger);
        var versions = await store.GetVersionsAsync(notice.Id, cancellationToken).ConfigureAwait(false);
        var version = versions.FirstOrDefault(v => v.Modified == notice.Modified);
        if (version is null)
        {
            return 0;
        }

        if (StixJsonReader.Parse(version.Json.Span).Value is not { } value || Provenance.Of(value) is not { Path: [.., var from] } || from != organization)
        {
            FederationLog.NotDeleted(logger, peerName, notice.Id, notice.Modified ?? "");
            return 0;
        }

        var deleted = await store.DeleteAsync(notice.Id, notice.Modified, cancellationToken).ConfigureAwait(false);
        FederationLog.Deleted(logger, peerName, notice.Id, notice.Modified ?? "", deleted);
        return deleted;
    }
}
