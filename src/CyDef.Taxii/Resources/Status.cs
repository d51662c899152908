namespace CyDef.Taxii.Resources;

/// <summary>The status resource (TAXII 2.1 §4.3.1): where a request to add objects stands.</summary>
/// <param name="Id">The status's identifier.</param>
/// <param name="State">The <c>status</c> property: <c>complete</c> or <c>pending</c>.</param>
/// <param name="RequestTimestamp">When the request was received.</param>
/// <param name="TotalCount">Objects in the request.</param>
/// <param name="SuccessCount">Objects added (or already present).</param>
/// <param name="Successes">Those objects.</param>
/// <param name="FailureCount">Objects not added.</param>
/// <param name="Failures">Those objects, with the reason.</param>
/// <param name="PendingCount">Objects not processed yet.</param>
/// <param name="Pendings">Those objects.</param>
public sealed record Status(
    string Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("status")] string State,
    string? RequestTimestamp,
    long TotalCount,
    long SuccessCount,
    IReadOnlyList<StatusDetails>? Successes,
    long FailureCount,
    IReadOnlyList<StatusDetails>? Failures,
    long PendingCount,
    IReadOnlyList<StatusDetails>? Pendings)
{
    /// <summary>The <c>status</c> value of a finished request.</summary>
    public const string Complete = "complete";

    /// <summary>The <c>status</c> value of a request still being processed.</summary>
    public const string Pending = "pending";

    /// <summary>Whether the request is finished.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsComplete => State == Complete;
}
