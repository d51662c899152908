using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CyDef.Taxii.Resources;
using Microsoft.AspNetCore.Http;

namespace CyDef.Taxii.Server;

/// <summary>TAXII responses: resources and error resources, always <c>application/taxii+json;version=2.1</c>.</summary>
internal static class TaxiiResults
{
    public static IResult Resource<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        new Json<T>(value, type, status, null);

    public static IResult Resource<T>(T value, JsonTypeInfo<T> type, DateTimeOffset? first, DateTimeOffset? last) =>
        new Json<T>(value, type, StatusCodes.Status200OK, first is { } f && last is { } l ? (f, l) : null);

    public static IResult Error(int status, string description) =>
        new Json<TaxiiError>(new TaxiiError(Title(status), description, HttpStatus: status.ToString(System.Globalization.CultureInfo.InvariantCulture)), TaxiiJsonContext.Default.TaxiiError, status, null);

    public static IResult Empty() => new EmptyResult();

    public static void WriteDateHeaders(HttpResponse response, DateTimeOffset first, DateTimeOffset last)
    {
        response.Headers["X-TAXII-Date-Added-First"] = TaxiiTimestamp.ToString(first);
        response.Headers["X-TAXII-Date-Added-Last"] = TaxiiTimestamp.ToString(last);
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Authentication required",
        403 => "Forbidden",
        404 => "Not found",
        406 => "Not acceptable",
        413 => "Content too large",
        415 => "Unsupported media type",
        422 => "Unprocessable content",
        _ => status >= 500 ? "Server error" : "Error",
    };

    private sealed class Json<T>(T value, JsonTypeInfo<T> type, int status, (DateTimeOffset First, DateTimeOffset Last)? dates) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = TaxiiMediaTypes.Taxii21;
            if (dates is { } d)
            {
                WriteDateHeaders(response, d.First, d.Last);
            }

            await JsonSerializer.SerializeAsync(response.Body, value, type, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    // §5.7: a successful delete answers 200 with no body.
    private sealed class EmptyResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = TaxiiMediaTypes.Taxii21;
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
