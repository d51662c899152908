using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>Federation's log messages.</summary>
internal static partial class FederationLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Peer {Peer}: refused {Id} version {Version}: {Reason}")]
    public static partial void Refused(ILogger logger, string peer, string id, string version, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Peer {Peer}: sync failed ({Error}); retrying in {Seconds:0.#} s")]
    public static partial void SyncFailed(ILogger logger, string peer, string error, double seconds);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Peer {Peer}: {Mode} from {Url}")]
    public static partial void Started(ILogger logger, string peer, PeerMode mode, string url);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Peer {Peer}: change notices {State}")]
    public static partial void Notices(ILogger logger, string peer, string state);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Peer {Peer}: {Stored} versions stored, {Duplicates} already held, {Refused} refused, {Looped} looped")]
    public static partial void Pulled(ILogger logger, string peer, long stored, long duplicates, long refused, long looped);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Peer {Peer}: refused {Count} pushed versions, first: {Reason}")]
    public static partial void PushRefused(ILogger logger, string peer, long count, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Peer {Peer}: trust record from {Url} not taken: {Reason}")]
    public static partial void TrustRecordRefused(ILogger logger, string peer, string url, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Peer {Peer}: trust record updated from {Url}: {Keys} keys")]
    public static partial void TrustRecordUpdated(ILogger logger, string peer, string url, int keys);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Peer {Peer}: deleted {Id} version {Version} as the peer did ({Count} deleted here)")]
    public static partial void Deleted(ILogger logger, string peer, string id, string version, int count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Peer {Peer}: told of the deletion of {Id} version {Version}, which this node did not have from it; kept")]
    public static partial void NotDeleted(ILogger logger, string peer, string id, string version);
}
