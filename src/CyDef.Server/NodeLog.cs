using Microsoft.Extensions.Logging;

namespace CyDef.Server;

/// <summary>The node's structured log messages.</summary>
internal static partial class NodeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Store opened: {Store}, last sequence {LastSequence}")]
    public static partial void StoreOpened(ILogger logger, string store, long lastSequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo content {File}: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    public static partial void DemoLoaded(ILogger logger, string file, long accepted, long duplicates, long rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No demo content in {Folder}")]
    public static partial void NoDemo(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key was configured: generated an administrator's key, kept in {Path}")]
    public static partial void KeyGenerated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node stopping: finishing requests in progress")]
    public static partial void Stopping(ILogger logger);
}
