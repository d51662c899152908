namespace CyDef.Taxii.Resources;

/// <summary>The error resource (TAXII 2.1 §3.6.1), the body of every TAXII error response.</summary>
/// <param name="Title">A short human-readable summary.</param>
/// <param name="Description">What went wrong, in more detail.</param>
/// <param name="ErrorId">An identifier of this occurrence.</param>
/// <param name="ErrorCode">An application-specific code.</param>
/// <param name="HttpStatus">The HTTP status, as a string (e.g. <c>"404"</c>).</param>
/// <param name="ExternalDetails">A URL with more about the error.</param>
/// <param name="Details">Further application-specific details.</param>
public sealed record TaxiiError(
    string Title,
    string? Description = null,
    string? ErrorId = null,
    string? ErrorCode = null,
    string? HttpStatus = null,
    string? ExternalDetails = null,
    IReadOnlyDictionary<string, string>? Details = null);
