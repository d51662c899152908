using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CyDef.Taxii.Server;

/// <summary>
/// What every TAXII endpoint checks first, in the reference server's order: authentication (401 with a challenge),
/// then the <c>Accept</c> header (406); and a fault becomes a 500 error resource rather than an empty response.
/// </summary>
internal sealed partial class TaxiiEndpointFilter(ILogger<TaxiiEndpointFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = Security.NodeClaims.Challenge;
            return TaxiiResults.Error(StatusCodes.Status401Unauthorized, "This TAXII server needs an API key: HTTP Basic (the key as password) or Authorization: Bearer.");
        }

        if (!MediaTypeNegotiation.AcceptsTaxii(http.Request.Headers.Accept.ToString()))
        {
            return TaxiiResults.Error(StatusCodes.Status406NotAcceptable, $"This server answers in {TaxiiMediaTypes.Taxii21}; the Accept header does not allow it.");
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogFault(logger, exception, http.Request.Method, http.Request.Path);
            return TaxiiResults.Error(StatusCodes.Status500InternalServerError, "The server failed to answer this request; the fault is logged.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "TAXII {Method} {Path} failed")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string path);
}
