namespace CyDef.Storage;

/// <summary>One reason for a rejection.</summary>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$.objects[3].created</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record IngestProblem(string Path, string Message)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
